using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Storage.Internal;

/// <summary>User attributes as a flat JSON object of strings, written in ordinal key order.</summary>
internal static class AttributesJson
{
    public static string Serialize(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes.OrderBy(static a => a.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Dictionary<string, string> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        _ = reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("User attributes must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            _ = reader.Read();
            result[name] = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"User attribute '{name}' must be a string.");
        }

        return result;
    }
}
