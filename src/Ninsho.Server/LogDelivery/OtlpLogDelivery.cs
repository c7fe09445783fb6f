using Ninsho.Core.Pools;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace Ninsho.Server.LogDelivery;

/// <summary>
/// The <c>otlp</c> log destination, through the OpenTelemetry SDK's OTLP log exporter (OTLP/HTTP, protobuf,
/// <c>POST {endpoint}/v1/logs</c>). Each collector URL has a logger provider of its own, apart from the server's
/// logging, so that only the delivered records reach it. A record is one log record: its JSON line as the body, its
/// time, its level as severity (<c>INFO</c> 9, <c>ERROR</c> 17), and the pool, event source and ARN as attributes,
/// under the scope <c>Ninsho.LogDelivery</c> and the resource <c>service.name</c> <c>ninsho</c>. The SDK's batch
/// processor sends them; <see cref="Flush"/> waits for what was written (one request per collector and batch).
/// </summary>
internal sealed class OtlpLogDelivery : IDisposable
{
    /// <summary>The logger category, exported as the instrumentation scope's name.</summary>
    public const string Category = "Ninsho.LogDelivery";

    /// <summary>How long one export may take; a collector that does not answer within it loses that batch.</summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Uri, Collector> _collectors = [];

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

    /// <summary>Hands <paramref name="record"/> (as <paramref name="line"/>, its JSON line) to the collector at
    /// <paramref name="url"/>'s batch.</summary>
    public void Write(Uri url, PoolLogRecord record, string arn, byte[] line)
    {
        var logger = For(url).Logger;
        var level = record.Level == "ERROR" ? LogLevel.Error : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, default, new DeliveredRecord(record, arn, line), null, static (delivered, _) => delivered.Body);
        }
    }

    /// <summary>Sends what was written for <paramref name="url"/> and waits for the answer; false when the export did
    /// not end within <see cref="ExportTimeout"/> (and a second). A collector that answers an error loses the batch;
    /// the SDK reports it in its own diagnostics.</summary>
    public bool Flush(Uri url) => For(url).Provider.ForceFlush((int)(ExportTimeout + TimeSpan.FromSeconds(1)).TotalMilliseconds);

    /// <summary>Shuts the providers down: what they still hold is sent first.</summary>
    public void Dispose()
    {
        foreach (var collector in _collectors.Values)
        {
            collector.Services.Dispose();
        }

        _collectors.Clear();
    }

    private Collector For(Uri url)
    {
        if (!_collectors.TryGetValue(url, out var collector))
        {
            var services = new ServiceCollection();
            _ = services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("ninsho", serviceVersion: typeof(OtlpLogDelivery).Assembly.GetName().Version?.ToString()))
                .WithLogging(
                    logging => logging
                        .AddProcessor(new RecordFields())
                        .AddOtlpExporter((exporter, processor) =>
                        {
                            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                            exporter.Endpoint = url; // set in code, the URL is taken whole (no /v1/logs appended)
                            exporter.TimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
                            processor.ExportProcessorType = ExportProcessorType.Batch;
                        }),
                    options => options.IncludeFormattedMessage = true); // the formatted message is the body
            var provider = services.BuildServiceProvider();
            collector = new Collector(provider, provider.GetRequiredService<LoggerProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger(Category));
            _collectors[url] = collector;
        }

        return collector;
    }

    private sealed record Collector(ServiceProvider Services, LoggerProvider Provider, ILogger Logger);

    /// <summary>The log call's state: the record's attributes, and its JSON line as the formatted message.</summary>
    private sealed class DeliveredRecord(PoolLogRecord record, string arn, byte[] line) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public PoolLogRecord Record => record;

        public string Body => System.Text.Encoding.UTF8.GetString(line).TrimEnd('\n');

        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("cognito.user_pool_id", record.UserPoolId),
            1 => new("cognito.event_source", record.ConfiguredSource),
            2 => new("cognito.log_destination_arn", arn),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Runs before the exporter's batch processor takes the record: its time is the event's, not the moment
    /// the writer got to it.</summary>
    private sealed class RecordFields : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            if (data.Attributes is DeliveredRecord delivered)
            {
                data.Timestamp = delivered.Record.At.UtcDateTime;
            }
        }
    }
}
