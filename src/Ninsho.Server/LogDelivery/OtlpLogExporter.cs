using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Ninsho.Core.Pools;

namespace Ninsho.Server.LogDelivery;

/// <summary>
/// The <c>otlp</c> log destination: each batch of records for one endpoint is one OTLP/HTTP request in the JSON
/// encoding (<c>POST {endpoint}/v1/logs</c>, <c>application/json</c>, an ExportLogsServiceRequest), one log record per
/// exported record: the record's JSON line as the string <c>body</c>, its time, its level as severity, and the pool,
/// event source and ARN as attributes. Written by hand: the OTLP JSON encoding is small and this keeps log delivery
/// free of the OpenTelemetry packages. A failed export is logged and its records dropped (best effort).
/// </summary>
internal sealed class OtlpLogExporter(HttpClient http)
{
    /// <summary>The logs URL of an <c>otlp</c> destination: <c>otlp:URL</c> names the collector's base URL; plain
    /// <c>otlp</c> takes OTEL_EXPORTER_OTLP_LOGS_ENDPOINT (the full URL), else OTEL_EXPORTER_OTLP_ENDPOINT (a base
    /// URL), else http://localhost:4318, as the OpenTelemetry SDKs do.</summary>
    public static Uri? LogsUrl(string destination)
    {
        static Uri? Append(string? baseUrl) =>
            Uri.TryCreate(baseUrl?.TrimEnd('/') + "/v1/logs", UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

        if (destination.StartsWith("otlp:", StringComparison.Ordinal))
        {
            return Append(destination["otlp:".Length..]);
        }

        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT") is { Length: > 0 } full)
        {
            return Uri.TryCreate(full, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
        }

        return Append(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } endpoint ? endpoint : "http://localhost:4318");
    }

    /// <summary>Sends one request with <paramref name="records"/>; throws when the collector does not answer 2xx.</summary>
    public async Task ExportAsync(Uri url, IReadOnlyList<(PoolLogRecord Record, string Arn, byte[] Line)> records, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Encode(records));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answer = await http.PostAsync(url, content, ct);
        _ = answer.EnsureSuccessStatusCode();
    }

    internal static byte[] Encode(IReadOnlyList<(PoolLogRecord Record, string Arn, byte[] Line)> records)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            json.WriteStartObject();
            json.WriteStartObject("resource");
            json.WriteStartArray("attributes");
            Attribute(json, "service.name", "ninsho");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeLogs");
            json.WriteStartObject();
            json.WriteStartObject("scope");
            json.WriteString("name", "Ninsho.LogDelivery");
            json.WriteEndObject();
            json.WriteStartArray("logRecords");
            foreach (var (record, arn, line) in records)
            {
                json.WriteStartObject();
                var nanos = (record.At.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);
                json.WriteString("timeUnixNano", nanos);
                json.WriteString("observedTimeUnixNano", nanos);
                json.WriteNumber("severityNumber", record.Level == "ERROR" ? 17 : 9);
                json.WriteString("severityText", record.Level);
                json.WriteStartObject("body");
                json.WriteString("stringValue", System.Text.Encoding.UTF8.GetString(line).TrimEnd('\n'));
                json.WriteEndObject();
                json.WriteStartArray("attributes");
                Attribute(json, "cognito.user_pool_id", record.UserPoolId);
                Attribute(json, "cognito.event_source", record.ConfiguredSource);
                Attribute(json, "cognito.log_destination_arn", arn);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Attribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
