using System.Text.Json;

namespace Ninsho.CodeGen;

/// <summary>One shape of a service model.</summary>
internal sealed class Shape
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public List<Member> Members { get; } = [];
    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);
    public List<string> Enum { get; } = [];
    public string? Pattern { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public bool Sensitive { get; init; }
    public bool IsException { get; init; }
    public bool IsDocument { get; init; }
    public bool IsServerFault { get; init; }
    public string? ListMember { get; init; }
    public string? MapKey { get; init; }
    public string? MapValue { get; init; }

    public static Shape Read(string name, JsonElement e)
    {
        var shape = new Shape
        {
            Name = name,
            Type = e.GetProperty("type").GetString()!,
            Pattern = e.TryGetProperty("pattern", out var p) ? p.GetString() : null,
            Min = e.TryGetProperty("min", out var min) ? min.GetInt64() : null,
            Max = e.TryGetProperty("max", out var max) ? max.GetInt64() : null,
            Sensitive = e.TryGetProperty("sensitive", out var s) && s.GetBoolean(),
            IsException = e.TryGetProperty("exception", out var ex) && ex.GetBoolean(),
            IsServerFault = e.TryGetProperty("fault", out var f) && f.GetBoolean(),
            IsDocument = e.TryGetProperty("document", out var d) && d.GetBoolean(),
            ListMember = e.TryGetProperty("member", out var lm) ? lm.GetProperty("shape").GetString() : null,
            MapKey = e.TryGetProperty("key", out var k) ? k.GetProperty("shape").GetString() : null,
            MapValue = e.TryGetProperty("value", out var v) ? v.GetProperty("shape").GetString() : null,
        };
        if (e.TryGetProperty("members", out var members))
        {
            foreach (var m in members.EnumerateObject())
            {
                shape.Members.Add(new Member(m.Name, m.Value.GetProperty("shape").GetString()!));
            }
        }

        if (e.TryGetProperty("required", out var req))
        {
            foreach (var r in req.EnumerateArray())
            {
                shape.Required.Add(r.GetString()!);
            }
        }

        if (e.TryGetProperty("enum", out var en))
        {
            foreach (var x in en.EnumerateArray())
            {
                shape.Enum.Add(x.GetString()!);
            }
        }

        return shape;
    }
}
