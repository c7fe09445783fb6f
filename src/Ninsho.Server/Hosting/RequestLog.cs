using System.Text.Json;

namespace Ninsho.Server.Hosting;

/// <summary>The <c>request</c> event: one per API call, written where the call is dispatched, with a fixed set of
/// fields (docs/operations.md#logs). It never carries a request body, so no password, code, token or secret.</summary>
internal static partial class RequestLog
{
    /// <summary>The category of the request events; on only with <c>--log-format json</c>.</summary>
    public const string Category = "Ninsho.Requests";

    /// <summary>The category of the server's own lines (listening) in JSON mode.</summary>
    public const string ServerCategory = "Ninsho.Server";

    /// <summary>Set on a call's <see cref="HttpContext.Items"/> once its event is written by the API dispatcher.</summary>
    public static readonly object Written = new();

    /// <summary>With <c>--log-format json</c>: a <c>request</c> event for every other route (hosted UI, OAuth,
    /// well-known documents, operator routes), named by its route template; health probes are left out.</summary>
    public static void UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        if (!logger.IsEnabled(LogLevel.Error))
        {
            return;
        }

        app.Use(async (http, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "error";
            try
            {
                await next(http);
                outcome = http.Response.StatusCode < 400 ? "ok" : "error";
            }
            finally
            {
                if (!http.Items.ContainsKey(Written) && !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                {
                    var status = http.Response.StatusCode;
                    var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                    var pool = http.GetRouteValue("userPoolId") is string named && LooksLikePoolId(named) ? named : string.Empty;
                    var durationMs = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
                    var operation = http.Request.Method + " " + route;
                    var requestId = RequestIds.Of(http);
                    Request(logger, status >= 500 ? LogLevel.Error : LogLevel.Information, "request", operation, outcome, status, durationMs, pool, requestId);
                }
            }
        });
    }

    /// <summary>Reads <c>--log-format</c>: text or json (any case); null for anything else.</summary>
    public static LogFormat? Parse(string? text) => text?.ToUpperInvariant() switch
    {
        "TEXT" => LogFormat.Text,
        "JSON" => LogFormat.Json,
        _ => null,
    };

    /// <summary>Text: the simple console, request events off. JSON: the JSON console formatter with a UTC
    /// timestamp, and the request and server events on (Information).</summary>
    public static void Configure(ILoggingBuilder logging, LogFormat format)
    {
        if (format == LogFormat.Json)
        {
            _ = logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
                json.IncludeScopes = false;
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
            _ = logging.AddFilter(Category, LogLevel.Information).AddFilter(ServerCategory, LogLevel.Information);
        }
        else
        {
            _ = logging.AddSimpleConsole().AddFilter(Category, LogLevel.None);
        }
    }

    /// <summary>The user pool (or identity pool) the request body names at its top level, else empty. Only a value
    /// shaped like a pool id is taken, so nothing else a caller sends can reach the log.</summary>
    public static string PoolOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return string.Empty;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPool = reader.ValueTextEquals("UserPoolId"u8) || reader.ValueTextEquals("IdentityPoolId"u8);
                if (!reader.Read())
                {
                    return string.Empty;
                }

                if (isPool && reader.TokenType == JsonTokenType.String)
                {
                    var value = reader.GetString()!;
                    return LooksLikePoolId(value) ? value : string.Empty;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the call is refused anyway; the event names no pool.
        }

        return string.Empty;
    }

    /// <summary><c>region_id</c> (user pool) or <c>region:guid</c> (identity pool): letters, digits, '-', '_', ':'.</summary>
    private static bool LooksLikePoolId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':');

    [LoggerMessage(EventId = 100, EventName = "request", Message = "{Event} {Operation} {Outcome} {Status} in {DurationMs} ms (pool {Pool}, request {RequestId})")]
    public static partial void Request(ILogger logger, LogLevel level, string Event, string operation, string outcome, int status, double durationMs, string pool, string requestId);

    [LoggerMessage(EventId = 101, EventName = "listening", Level = LogLevel.Information, Message = "Ninsho listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 102, EventName = "seed", Level = LogLevel.Information, Message = "Seed {Path}: {Report}")]
    public static partial void Seeded(ILogger logger, string path, string report);
}
