using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Storage.Internal;

/// <summary>A list of strings as a JSON array, in order.</summary>
internal static class StringListJson
{
    public static string Serialize(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static List<string> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => e.GetString() ?? string.Empty)];
    }
}
