using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>node test/js/oidc-rp-callback.mjs</c>: openid-client 6.8.9 as the app behind a loopback callback, redeeming
/// the code the browser brought back (state, PKCE verifier, ID token signature and nonce all checked by the library).
/// </summary>
public static class NodeRelyingParty
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The exchange's JSON report (<c>claims</c> of the ID token, <c>accessToken</c>, <c>refreshToken</c>,
    /// <c>scope</c>); fails the test with openid-client's message when the library refuses the answer.</summary>
    public static async Task<JsonElement> RedeemAsync(
        string issuer, string clientId, string callbackUrl, string codeVerifier, string nonce, string state, CancellationToken ct)
    {
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "openid-client", "package.json")),
            "openid-client is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        var options = new JsonObject
        {
            ["issuer"] = issuer,
            ["clientId"] = clientId,
            ["callbackUrl"] = callbackUrl,
            ["codeVerifier"] = codeVerifier,
            ["nonce"] = nonce,
            ["state"] = state,
        };
        var result = await ChildProcess.RunAsync(
            "node", [Path.Combine(RepoPaths.JsDir, "oidc-rp-callback.mjs"), options.ToJsonString()],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null }, Timeout, RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"oidc-rp-callback.mjs failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }
}
