using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ninsho.Protocol.Serialization;

/// <summary>Timestamps on the AWS JSON wire: epoch seconds with a millisecond fraction, e.g. <c>1548099495.428</c>.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var seconds)
            && seconds is >= -62135596800m and <= 253402300799m)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m));
        }

        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("Invalid timestamp.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}
