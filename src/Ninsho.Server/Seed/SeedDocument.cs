using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ninsho.Server.Seed;

/// <summary>A seed file read into JSON (YAML or JSON: JSON is read as YAML, which it is), remembering the line of
/// every value and key, so that a problem found later names where in the file it is.</summary>
internal sealed partial class SeedDocument
{
    private readonly Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(JsonObject, string), int> _keyLines = [];

    private SeedDocument(string path) => Path = path;

    public string Path { get; }

    public JsonObject Root { get; private set; } = [];

    /// <summary>Reads <paramref name="path"/>; <see cref="SeedException"/> with the line when it is not YAML/JSON
    /// or not a mapping at the top.</summary>
    public static SeedDocument Load(string path)
    {
        var document = new SeedDocument(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SeedException($"seed file {path}: {e.Message}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SeedException($"seed file {path}, line {e.Start.Line}: {Inner(e).Message}");
        }
        catch (ArgumentException e)
        {
            throw new SeedException($"seed file {path}: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return document;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new SeedException($"seed file {path}, line {stream.Documents[0].RootNode.Start.Line}: the top of a seed file is a mapping (UserPools:, IdentityPools:).");
        }

        document.Root = (JsonObject)document.Convert(map)!;
        return document;
    }

    /// <summary>The line of a value, or of its parent's key when the value is null.</summary>
    public int LineOf(JsonNode? node) => node is not null && _lines.TryGetValue(node, out var line) ? line : 0;

    /// <summary>The line of <paramref name="key"/> in <paramref name="parent"/>, else of the parent.</summary>
    public int LineOf(JsonObject parent, string key) => _keyLines.TryGetValue((parent, key), out var line) ? line : LineOf(parent);

    /// <summary>Gives <paramref name="copy"/> (made from <paramref name="source"/>) the lines of the source and its keys.</summary>
    public void Track(JsonObject copy, JsonObject source)
    {
        _lines[copy] = LineOf(source);
        foreach (var (name, _) in copy)
        {
            if (_keyLines.TryGetValue((source, name), out var line))
            {
                _keyLines[(copy, name)] = line;
            }
        }
    }

    /// <summary>"seed file F, line N (where)".</summary>
    public string Where(int line, string where) => $"seed file {Path}, line {line} ({where})";

    private static Exception Inner(Exception e) => e.InnerException is { } inner ? Inner(inner) : e;

    private JsonNode? Convert(YamlNode node)
    {
        JsonNode? result;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new SeedException($"seed file {Path}, line {key.Start.Line}: keys are plain names.");
                    }

                    if (obj.ContainsKey(name))
                    {
                        throw new SeedException($"seed file {Path}, line {key.Start.Line}: '{name}' appears twice.");
                    }

                    obj[name] = Convert(value);
                    _keyLines[(obj, name)] = (int)key.Start.Line;
                }

                result = obj;
                break;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item));
                }

                result = array;
                break;
            case YamlScalarNode scalar:
                result = Scalar(scalar);
                break;
            default:
                throw new SeedException($"seed file {Path}, line {node.Start.Line}: aliases and tags are not supported.");
        }

        if (result is not null)
        {
            _lines[result] = (int)node.Start.Line;
        }

        return result;
    }

    /// <summary>A quoted scalar is a string; a plain one is null, a boolean or a JSON number when it reads as one,
    /// else a string (so <c>+81…</c> phone numbers and <c>0123</c> stay strings).</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        return Number().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^-?(0|[1-9][0-9]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex Number();
}
