using Ninsho.Core.Diagnostics;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ninsho.Server.Hosting;

/// <summary>Metrics and traces through the OpenTelemetry SDK (docs/operations.md#metrics-and-traces): the Prometheus
/// scrape endpoint <c>/metrics</c> with <c>--metrics</c>, the OTLP exporter (HTTP/protobuf, metrics and traces) with
/// <c>--otlp-endpoint</c>. With neither, no SDK is registered: Ninsho's instruments and spans have no listener and
/// cost a flag check each.</summary>
internal static class Telemetry
{
    /// <summary>The scrape path, served under the operator routes' access rules.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>True when any part of the SDK is on.</summary>
    public static bool Enabled(NinshoServerOptions options) => options.Metrics || options.OtlpEndpointUri is not null;

    /// <summary>The storage measured call by call when metrics or traces are on, else <paramref name="storage"/> itself.</summary>
    public static Ninsho.Storage.INinshoStorage Instrument(Ninsho.Storage.INinshoStorage storage, NinshoServerOptions options) =>
        Enabled(options)
            ? new InstrumentedStorage(storage, options.PostgresConnectionString is { Length: > 0 } ? "postgresql" : "sqlite")
            : storage;

    /// <summary>Registers the SDK's meter and tracer providers for what the options ask.</summary>
    public static void Add(WebApplicationBuilder builder, NinshoServerOptions options)
    {
        if (!Enabled(options))
        {
            return;
        }

        // The empty host builder reads no environment variables; the SDK's own OTEL_* settings (export intervals,
        // OTLP headers) are taken from there.
        var otelVariables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                otelVariables[name] = variable.Value as string;
            }
        }

        _ = builder.Configuration.AddInMemoryCollection(otelVariables);
        var otlp = options.OtlpEndpointUri;
        var sdk = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ninsho", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                // Not ASP.NET Core's own http.server.* meters: they are recorded on every request (bench/metrics-overhead.py
                // measures what --metrics costs), and ninsho.request.duration counts and times the API.
                _ = metrics.AddMeter(NinshoTelemetry.Name).AddNpgsqlInstrumentation();
                if (options.Metrics)
                {
                    // No response cache: a scrape shows the calls answered before it.
                    _ = metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    _ = metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/metrics"));
                }
            });

        // Spans are exported only over OTLP: without an endpoint no tracer provider listens, so no span is made.
        if (otlp is not null)
        {
            _ = sdk.WithTracing(tracing => tracing
                .AddSource(NinshoTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                    && !http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/traces")));
        }
    }

    /// <summary>OTLP over HTTP/protobuf to <c>{endpoint}/v1/traces</c> and <c>{endpoint}/v1/metrics</c>, the paths an
    /// OpenTelemetry collector listens on (port 4318).</summary>
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, string signalPath)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    /// <summary>Maps <c>/metrics</c> when <c>--metrics</c> is on, as an operator route (loopback callers, or the
    /// operator credential when one is configured; <see cref="OperatorAccess"/>).</summary>
    public static void MapMetrics(WebApplication app)
    {
        if (app.Services.GetRequiredService<NinshoServerOptions>().Metrics)
        {
            _ = app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new OperatorAccess.OperatorRoute());
        }
    }
}
