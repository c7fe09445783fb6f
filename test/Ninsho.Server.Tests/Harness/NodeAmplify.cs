using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>node test/js/amplify-identity-journey.mjs</c>: Amplify JS v6 (aws-amplify) signing in with
/// USER_PASSWORD_AUTH, fetching identity-pool credentials with <c>fetchAuthSession()</c>, then forcing a token
/// refresh. Both endpoints are Amplify's own <c>userPoolEndpoint</c> and <c>identityPoolEndpoint</c> options.
/// </summary>
public static class NodeAmplify
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The journey's JSON report; fails the test with node's message when a step fails.</summary>
    public static async Task<JsonElement> RunAsync(
        string baseUrl, string poolId, string clientId, string identityPoolId, string username, string password, CancellationToken ct)
    {
        var script = Path.Combine(RepoPaths.JsDir, "amplify-identity-journey.mjs");
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "aws-amplify", "package.json")),
            "aws-amplify is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        var result = await ChildProcess.RunAsync(
            "node", [script, baseUrl, poolId, clientId, identityPoolId, username, password],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            Timeout, RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"amplify-identity-journey.mjs failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }
}
