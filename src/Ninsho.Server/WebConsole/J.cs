using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ninsho.Server.WebConsole;

/// <summary>Reading the operations' JSON answers for display.</summary>
internal static class J
{
    /// <summary>The value at the path as text ("" when absent): strings as they are, numbers and booleans as JSON
    /// writes them, arrays joined with ", ", objects as compact JSON.</summary>
    public static string S(JsonNode? node, params string[] path)
    {
        foreach (var member in path)
        {
            node = node is JsonObject o ? o[member] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && path.Length > 0 && IsDate(path[^1]) =>
                DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetValue<double>() * 1000)).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            JsonArray a => string.Join(", ", a.Select(e => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.String ? ev.GetValue<string>() : e?.ToJsonString() ?? "")),
            _ => node.ToJsonString(),
        };
    }

    /// <summary>The array at the path, or none.</summary>
    public static IEnumerable<JsonNode> A(JsonNode? node, params string[] path)
    {
        foreach (var member in path)
        {
            node = node is JsonObject o ? o[member] : null;
        }

        return node is JsonArray a ? a.OfType<JsonNode>() : [];
    }

    /// <summary>The object at the path's members as name/value pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Members(JsonNode? node, params string[] path)
    {
        foreach (var member in path)
        {
            node = node is JsonObject o ? o[member] : null;
        }

        return node is JsonObject obj ? obj.Select(p => new KeyValuePair<string, string>(p.Key, S(p.Value))) : [];
    }

    /// <summary>A user's attribute by name from an <c>Attributes</c>/<c>UserAttributes</c> list.</summary>
    public static string Attribute(IEnumerable<JsonNode> attributes, string name) =>
        attributes.FirstOrDefault(a => S(a, "Name") == name) is { } found ? S(found, "Value") : "";

    private static bool IsDate(string member) => member.EndsWith("Date", StringComparison.Ordinal) || member is "CreationDate";
}
