using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Builds request bodies for an operation from its input shape in botocore's model: random members (nulls inside
/// lists and maps, wrong JSON types, huge and odd strings, empty objects, random enum values), with the members
/// named in <paramref name="knownIds"/> (UserPoolId, ClientId, Username, AccessToken, …) mostly set to real values
/// so that requests get past the "does it exist" checks and into the handlers.
/// </summary>
internal sealed class ModelFuzzer(JsonElement shapes, Random rng, IReadOnlyDictionary<string, string> knownIds)
{
    private const int MaxDepth = 4;
    private static readonly string Huge = new('a', 100_000);

    /// <summary>One body per list and map reachable from the input (through structures, lists and maps), each
    /// holding a single null element (or map value) there, everything else plausible and the real ids filled in.</summary>
    public IEnumerable<(string Why, JsonObject Body)> SingleNulls(string inputShape) =>
        NullVariants(inputShape, 0).Select(v =>
        {
            var body = (JsonObject)v.Node;
            foreach (var (name, _) in Members(inputShape))
            {
                if (knownIds.TryGetValue(name, out var id) && !v.Path.StartsWith(name, StringComparison.Ordinal))
                {
                    body[name] = id;
                }
            }

            return ("null at " + v.Path, body);
        });

    /// <summary>Plausible values of <paramref name="shape"/> (a structure) with one null inside a list or map.</summary>
    private IEnumerable<(string Path, JsonNode Node)> NullVariants(string shape, int depth)
    {
        if (depth > MaxDepth || Type(shape) != "structure" || IsDocument(shape))
        {
            yield break;
        }

        foreach (var (name, target) in Members(shape))
        {
            foreach (var (path, node) in CollectionNulls(target, depth))
            {
                var o = (JsonObject)PlausibleValue(shape, depth)!;
                o[name] = node;
                yield return (path.Length == 0 ? name : name + "." + path, o);
            }
        }
    }

    private IEnumerable<(string Path, JsonNode Node)> CollectionNulls(string shape, int depth)
    {
        switch (Type(shape))
        {
            case "list":
                yield return ("1.member", new JsonArray((JsonNode?)null));
                foreach (var (path, node) in ElementNulls(Target(shape, "member"), depth))
                {
                    yield return ("1.member." + path, new JsonArray(node));
                }

                break;
            case "map":
                yield return ("k", new JsonObject { ["k"] = null });
                foreach (var (path, node) in ElementNulls(Target(shape, "value"), depth))
                {
                    yield return ("k." + path, new JsonObject { ["k"] = node });
                }

                break;
            case "structure":
                foreach (var v in NullVariants(shape, depth + 1))
                {
                    yield return v;
                }

                break;
            default:
                break;
        }
    }

    private IEnumerable<(string Path, JsonNode Node)> ElementNulls(string shape, int depth) =>
        Type(shape) is "list" or "map" ? CollectionNulls(shape, depth + 1) : NullVariants(shape, depth + 1);

    /// <summary>A body with random members.</summary>
    public JsonObject RandomBody(string inputShape)
    {
        var body = new JsonObject();
        var required = Required(inputShape);
        foreach (var (name, target) in Members(inputShape))
        {
            if (knownIds.TryGetValue(name, out var id) && rng.Next(10) < 8)
            {
                body[name] = id;
            }
            else if (rng.Next(10) < (required.Contains(name) ? 9 : 5))
            {
                body[name] = Value(target, 0);
            }
        }

        return body;
    }

    /// <summary>A value that meets the shape's basic constraints: required members set, lengths at the minimum.</summary>
    private JsonNode? PlausibleValue(string shape, int depth)
    {
        var s = shapes.GetProperty(shape);
        switch (Type(shape))
        {
            case "string" when s.TryGetProperty("enum", out var e):
                return e[0].GetString();
            case "string":
                return new string('a', (int)Math.Max(3, Min(s) ?? 0));
            case "integer" or "long":
                return Min(s) ?? 1;
            case "boolean":
                return true;
            case "list":
                return Min(s) is > 0 && depth < MaxDepth ? new JsonArray(PlausibleValue(Target(shape, "member"), depth + 1)) : new JsonArray();
            case "map":
                return new JsonObject();
            case "structure" when IsDocument(shape):
                return new JsonObject();
            case "structure":
                var o = new JsonObject();
                var required = Required(shape);
                foreach (var (name, target) in Members(shape))
                {
                    if (required.Contains(name) && depth < MaxDepth)
                    {
                        o[name] = PlausibleValue(target, depth + 1);
                    }
                }

                return o;
            default:
                return null;
        }
    }

    private JsonNode? Value(string shape, int depth)
    {
        var roll = rng.Next(100);
        if (roll < 6)
        {
            return null;
        }

        if (roll < 14)
        {
            return WrongType(Type(shape));
        }

        var s = shapes.GetProperty(shape);
        switch (Type(shape))
        {
            case "string":
                return s.TryGetProperty("enum", out var e) && rng.Next(10) < 7
                    ? e[rng.Next(e.GetArrayLength())].GetString()
                    : RandomString(s);
            case "integer":
            case "long":
                return rng.Next(8) switch
                {
                    0 => JsonValue.Create(-1),
                    1 => JsonValue.Create(0),
                    2 => JsonValue.Create(int.MaxValue),
                    3 => JsonValue.Create(long.MaxValue),
                    4 => JsonValue.Create(1e30),
                    _ => JsonValue.Create(rng.Next(1, 100)),
                };
            case "boolean":
                return rng.Next(2) == 0;
            case "double":
            case "float":
                return rng.Next(2) == 0 ? 1.5 : -1e300;
            case "timestamp":
                return rng.Next(3) switch
                {
                    0 => JsonValue.Create(1_700_000_000),
                    1 => JsonValue.Create(1e20),
                    _ => JsonValue.Create("2026-01-01T00:00:00Z"),
                };
            case "blob":
                return rng.Next(2) == 0 ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(rng.Next(0, 64))) : "not base64!";
            case "structure" when IsDocument(shape):
                return new JsonObject { ["a"] = new JsonArray(null, 1, "x", new JsonObject()) };
            case "structure":
                if (depth >= MaxDepth || rng.Next(8) == 0)
                {
                    return new JsonObject();
                }

                var o = new JsonObject();
                var required = Required(shape);
                foreach (var (name, target) in Members(shape))
                {
                    if (rng.Next(10) < (required.Contains(name) ? 8 : 5))
                    {
                        o[name] = Value(target, depth + 1);
                    }
                }

                return o;
            case "list":
                var a = new JsonArray();
                for (int i = 0, n = depth >= MaxDepth ? 0 : rng.Next(4); i < n; i++)
                {
                    a.Add(rng.Next(5) == 0 ? null : Value(Target(shape, "member"), depth + 1));
                }

                return a;
            case "map":
                var m = new JsonObject();
                for (int i = 0, n = depth >= MaxDepth ? 0 : rng.Next(4); i < n; i++)
                {
                    m[RandomKey()] = rng.Next(5) == 0 ? null : Value(Target(shape, "value"), depth + 1);
                }

                return m;
            default:
                return null;
        }
    }

    private string RandomKey() => rng.Next(4) switch
    {
        0 => "USERNAME",
        1 => "custom:" + rng.Next(1000),
        2 => string.Empty,
        _ => "k" + rng.Next(1000),
    };

    private string RandomString(JsonElement s) => rng.Next(9) switch
    {
        0 => string.Empty,
        1 => Huge,
        2 => "\u0000\u202e✓😀 ' \" \\ <script>",
        3 => knownIds.Values.ElementAt(rng.Next(knownIds.Count)),
        4 => "us-east-1_" + rng.Next(),
        5 => new string('b', (int)Math.Min(Max(s) ?? 2048, 2048)),
        _ => "v" + rng.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private JsonNode? WrongType(string type) => rng.Next(5) switch
    {
        0 when type != "string" => "text",
        1 when type is not ("integer" or "long" or "double" or "float" or "timestamp") => 42,
        2 when type != "structure" && type != "map" => new JsonObject { ["x"] = null },
        3 when type != "list" => new JsonArray(1, null, "x"),
        _ => type == "boolean" ? "true" : false,
    };

    private IEnumerable<(string Name, string Target)> Members(string shape) =>
        shapes.GetProperty(shape).TryGetProperty("members", out var members)
            ? members.EnumerateObject().Select(m => (m.Name, m.Value.GetProperty("shape").GetString()!))
            : [];

    private HashSet<string> Required(string shape) =>
        shapes.GetProperty(shape).TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    private string Type(string shape) => shapes.GetProperty(shape).GetProperty("type").GetString()!;

    private bool IsDocument(string shape) => shapes.GetProperty(shape).TryGetProperty("document", out var d) && d.GetBoolean();

    private string Target(string shape, string part) => shapes.GetProperty(shape).GetProperty(part).GetProperty("shape").GetString()!;

    private static long? Min(JsonElement s) => s.TryGetProperty("min", out var v) ? v.GetInt64() : null;

    private static long? Max(JsonElement s) => s.TryGetProperty("max", out var v) ? v.GetInt64() : null;
}

/// <summary>One botocore service model, the very file the protocol generator read (checked by its sha256).</summary>
internal sealed record BotocoreModel(JsonElement Shapes, IReadOnlyDictionary<string, string> InputShapes)
{
    /// <summary>Loads <c>models/{service}/{apiVersion}/service-2.json.gz</c> (botocore's model, committed), and fails
    /// unless it is the model the committed code in <c>Generated/{prefix}</c> was generated from.</summary>
    public static BotocoreModel Load(string service, string apiVersion, string prefix)
    {
        var path = Path.Combine(RepoPaths.Root, "models", service, apiVersion, "service-2.json.gz");
        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var header = File.ReadLines(Path.Combine(RepoPaths.Root, "src", "Ninsho.Protocol", "Generated", prefix, prefix + "Operations.g.cs")).ElementAt(1);
        Assert.True(header.Contains(sha, StringComparison.Ordinal), $"{path} (sha256 {sha}) is not the model of the generated code: {header}");

        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gz);
        var root = doc.RootElement.Clone();
        var inputs = root.GetProperty("operations").EnumerateObject()
            .Where(o => o.Value.TryGetProperty("input", out _))
            .ToDictionary(o => o.Name, o => o.Value.GetProperty("input").GetProperty("shape").GetString()!, StringComparer.Ordinal);
        return new BotocoreModel(root.GetProperty("shapes"), inputs);
    }
}
