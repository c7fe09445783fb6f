using System.Diagnostics;
using Ninsho.Core.Diagnostics;

namespace Ninsho.Server.Hosting;

/// <summary>
/// <c>ninsho.request.duration</c> (count and latency) for the routed requests: the hosted UI, OAuth,
/// federation, well-known documents and operator routes (docs/operations.md#metrics-and-traces). The API calls are
/// answered ahead of routing and counted by the dispatcher, so this middleware, placed after routing, never sees them.
/// The operation is the method and route template, as in the request log (<c>POST /oauth2/token</c>,
/// <c>POST /domain/{domain}/login</c>); the outcome the OAuth error code the route answered
/// (<see cref="SetOutcome"/>), else <c>ok</c> below status 400 and <c>error</c> from it. Health probes, the scrape
/// itself and unmatched paths are not counted. Installed only when metrics or traces are on.
/// </summary>
internal static class RouteMetrics
{
    private const string Ok = "ok";
    private const string Error = "error";

    private static readonly object OutcomeKey = new();

    /// <summary>Names the outcome of the route's answer: an OAuth error code (a fixed value, never caller text).</summary>
    public static void SetOutcome(HttpContext http, string outcome) => http.Items[OutcomeKey] = outcome;

    public static void UseRouteMetrics(this WebApplication app, NinshoServerOptions options)
    {
        if (!Telemetry.Enabled(options))
        {
            return;
        }

        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is not RouteEndpoint endpoint || !NinshoTelemetry.RequestDuration.Enabled
                || http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                || http.Request.Path.StartsWithSegments(Telemetry.MetricsPath, StringComparison.Ordinal))
            {
                await next(http);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var outcome = Error;
            try
            {
                await next(http);
                outcome = http.Items.TryGetValue(OutcomeKey, out var set) && set is string named ? named
                    : http.Response.StatusCode < 400 ? Ok : Error;
            }
            finally
            {
                // The method is one the endpoint matched, so the operation comes from the fixed set of routes.
                NinshoTelemetry.RecordRequest(http.Request.Method + " " + endpoint.RoutePattern.RawText, outcome, started);
            }
        });
    }
}
