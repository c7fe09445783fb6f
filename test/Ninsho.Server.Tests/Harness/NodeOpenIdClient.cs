using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>node test/js/openid-client-journey.mjs</c>: openid-client 6.8.9 discovering a pool from its issuer,
/// revoking a refresh token with <c>tokenRevocation</c> and building the logout URL with <c>buildEndSessionUrl</c>.
/// </summary>
public static class NodeOpenIdClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The journey's JSON report; fails the test with node's message when a step fails.</summary>
    public static async Task<JsonElement> RunAsync(
        string issuer, string clientId, string refreshToken, string logoutUri, CancellationToken ct)
    {
        var script = Path.Combine(RepoPaths.JsDir, "openid-client-journey.mjs");
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "openid-client", "package.json")),
            "openid-client is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        var result = await ChildProcess.RunAsync(
            "node", [script, issuer, clientId, refreshToken, logoutUri],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            Timeout, RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"openid-client-journey.mjs failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }
}
