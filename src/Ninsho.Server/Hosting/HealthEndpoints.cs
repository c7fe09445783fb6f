using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ninsho.Storage;

namespace Ninsho.Server.Hosting;

/// <summary><c>/health/live</c> (the process answers), <c>/health/ready</c> (the database answers and every migration
/// of this build is applied; 503 with a JSON reason otherwise) and the older <c>/health</c>: docs/operations.md.</summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static void AddNinshoHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);

    public static void MapNinshoHealth(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary><c>{"status":"Healthy"}</c>, or <c>{"status":"Unhealthy","reason":"database: …"}</c>.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var reason = string.Join("; ", report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description}"));
        var body = reason.Length == 0
            ? new JsonObject { ["status"] = report.Status.ToString() }.ToJsonString()
            : new JsonObject { ["status"] = report.Status.ToString(), ["reason"] = reason }.ToJsonString();
        return http.Response.WriteAsync(body);
    }

    /// <summary>Asks the storage whether it can serve (a round trip to the database); a database that does not answer
    /// within <see cref="Timeout"/> is not ready.</summary>
    private sealed class DatabaseReadyCheck(INinshoStorage storage) : IHealthCheck
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                return await storage.ReadinessProblemAsync(timeout.Token) is { } problem
                    ? HealthCheckResult.Unhealthy(problem)
                    : HealthCheckResult.Healthy();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"database unreachable: no answer within {Timeout.TotalSeconds:0} s");
            }
        }
    }
}
