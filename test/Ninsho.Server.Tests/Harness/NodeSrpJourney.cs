using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>node test/js/srp-journey.mjs</c>: amazon-cognito-identity-js 6.3.21 signing in over SRP (its default
/// flow), refreshing, and with <c>devices</c> confirming, remembering and re-using the device it was given.
/// </summary>
public static class NodeSrpJourney
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>The journey's JSON report; fails the test with node's message when a required step fails.</summary>
    public static async Task<JsonElement> RunAsync(
        string baseUrl, string poolId, string clientId, string username, string password, bool devices, CancellationToken ct)
    {
        var script = Path.Combine(RepoPaths.JsDir, "srp-journey.mjs");
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "amazon-cognito-identity-js", "package.json")),
            "amazon-cognito-identity-js is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        string[] arguments = [script, baseUrl, poolId, clientId, username, password, .. devices ? new[] { "devices" } : []];
        var result = await ChildProcess.RunAsync(
            "node", arguments, new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            Timeout, RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"srp-journey.mjs failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }
}
