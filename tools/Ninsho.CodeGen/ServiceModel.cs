using System.Text.Json;

namespace Ninsho.CodeGen;

/// <summary>The parts of a botocore service model the generator reads.</summary>
internal sealed class ServiceModel
{
    public required string ServiceId { get; init; }
    public required string TargetPrefix { get; init; }
    public required string Namespace { get; init; }
    public required string Prefix { get; init; }
    public required string SourceDescription { get; init; }
    public required SortedDictionary<string, Shape> Shapes { get; init; }
    public required List<Operation> Operations { get; init; }

    public static ServiceModel Load(string path, string ns, string prefix, string sourceDescription)
    {
        using var stream = File.OpenRead(path);
        using var gz = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gz);
        var root = doc.RootElement;
        var shapes = new SortedDictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("shapes").EnumerateObject())
        {
            shapes[s.Name] = Shape.Read(s.Name, s.Value);
        }

        var ops = new List<Operation>();
        foreach (var o in root.GetProperty("operations").EnumerateObject())
        {
            var v = o.Value;
            var isPublic = v.TryGetProperty("authtype", out var at) && at.GetString() == "none";
            ops.Add(new Operation(
                o.Name,
                v.GetProperty("input").GetProperty("shape").GetString()!,
                v.TryGetProperty("output", out var output) ? output.GetProperty("shape").GetString() : null,
                isPublic));
        }

        ops.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var metadata = root.GetProperty("metadata");
        return new ServiceModel
        {
            ServiceId = metadata.GetProperty("endpointPrefix").GetString()!,
            TargetPrefix = metadata.GetProperty("targetPrefix").GetString()!,
            Namespace = ns,
            Prefix = prefix,
            SourceDescription = sourceDescription,
            Shapes = shapes,
            Operations = ops,
        };
    }
}
