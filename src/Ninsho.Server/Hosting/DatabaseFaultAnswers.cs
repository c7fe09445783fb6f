using System.Text.Json;
using Ninsho.Server.Endpoints;

namespace Ninsho.Server.Hosting;

/// <summary>The database faults of <see cref="DatabaseFault"/> on every route but the JSON API (which answers them
/// itself): the hosted UI's pages get a 503 page naming the condition, the OAuth and other JSON endpoints a 503 with
/// an OAuth error <c>temporarily_unavailable</c> and the message as <c>error_description</c>; each is logged once at
/// Error level with the condition and the path (never the query or body, which carry codes and secrets). See
/// docs/data-safety.md.</summary>
internal static partial class DatabaseFaultAnswers
{
    public static void UseDatabaseFaultAnswers(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseFaultAnswers));
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && DatabaseFault.Classify(e) is { } fault)
            {
                LogDatabaseFault(logger, e, fault.Condition, http.Request.Method, http.Request.Path.Value ?? "/", http.TraceIdentifier);
                await AnswerAsync(http, fault.Message);
            }
        });
    }

    private static async Task AnswerAsync(HttpContext http, string message)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.CacheControl = "no-store";
        if (IsPage(http.Request.Path))
        {
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(LoginPage.Error(message), http.RequestAborted);
            return;
        }

        // RFC 6749 §4.1.2.1 names temporarily_unavailable for a server that cannot handle the request for now.
        http.Response.ContentType = "application/json;charset=UTF-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", "temporarily_unavailable");
        json.WriteString("error_description", message);
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    /// <summary>The hosted UI's browser pages (the login form, logout, and authorize, which redirects to the form).</summary>
    private static bool IsPage(PathString path)
    {
        var value = path.Value ?? string.Empty;
        return value.EndsWith("/login", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith("/logout", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith("/oauth2/authorize", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Database unavailable: {Condition}, in {Method} {Path} (request {RequestId})")]
    private static partial void LogDatabaseFault(ILogger logger, Exception exception, string condition, string method, string path, string requestId);
}
