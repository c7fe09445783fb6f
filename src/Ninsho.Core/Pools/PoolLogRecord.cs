using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Ninsho.Core.Pools;

/// <summary>One exported log record of a pool, written as one JSON line in the shape of Cognito's exported logs:
/// <c>eventTimestamp</c> (Unix milliseconds, as a string), <c>eventSource</c>, <c>logLevel</c>, <c>message</c> and
/// <c>logSourceId.userPoolId</c>. Field names and the sources' values are in docs/operations.md#log-delivery, with
/// the ones we guessed.</summary>
public abstract record PoolLogRecord(string UserPoolId, DateTimeOffset At)
{
    /// <summary>The configuration's <c>EventSource</c> whose destination takes the record.</summary>
    public abstract string ConfiguredSource { get; }

    /// <summary>The record's own <c>eventSource</c> value.</summary>
    protected abstract string RecordSource { get; }

    protected abstract string LogLevel { get; }

    /// <summary>The record's <c>logLevel</c>: ERROR or INFO.</summary>
    public string Level => LogLevel;

    /// <summary>Writes the members of <c>message</c>.</summary>
    protected abstract void WriteMessage(Utf8JsonWriter json);

    /// <summary>The record as UTF-8 JSON followed by a newline.</summary>
    public byte[] ToJsonLine()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventTimestamp", At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            json.WriteString("eventSource", RecordSource);
            json.WriteString("logLevel", LogLevel);
            json.WriteStartObject("message");
            WriteMessage(json);
            json.WriteEndObject();
            json.WriteStartObject("logSourceId");
            json.WriteString("userPoolId", UserPoolId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
