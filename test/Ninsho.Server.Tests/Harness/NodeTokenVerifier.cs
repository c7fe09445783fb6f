using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Verifies a token the way a Node API would: <c>node test/js/verify-token.mjs</c>, which uses aws-jwt-verify's
/// <c>JwtVerifier</c> with the server's JWKS (fetched over http and handed over with <c>cacheJwks</c>).
/// </summary>
public static class NodeTokenVerifier
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The issuer a Ninsho pool signs with by default (<c>--issuer server</c>): <c>&lt;public-url&gt;/&lt;userPoolId&gt;</c>.</summary>
    public static string Issuer(string baseUrl, string userPoolId) => $"{baseUrl.TrimEnd('/')}/{userPoolId}";

    public static string JwksUrl(string baseUrl, string userPoolId) => Issuer(baseUrl, userPoolId) + "/.well-known/jwks.json";

    /// <summary>Verifies <paramref name="token"/> and returns its payload; fails the test with node's message otherwise.</summary>
    public static Task<JsonElement> VerifyAsync(
        string baseUrl, string userPoolId, string token, string tokenUse, string clientId, CancellationToken ct) =>
        VerifyWithIssuerAsync(Issuer(baseUrl, userPoolId), JwksUrl(baseUrl, userPoolId), token, tokenUse, clientId, ct);

    /// <summary>
    /// Like <see cref="VerifyAsync"/>, for an issuer that is not where the JWKS is fetched from, as when the server
    /// runs with <c>--public-url</c> and an API is configured with that issuer.
    /// </summary>
    public static async Task<JsonElement> VerifyWithIssuerAsync(
        string issuer, string jwksUrl, string token, string tokenUse, string clientId, CancellationToken ct)
    {
        var script = Path.Combine(RepoPaths.JsDir, "verify-token.mjs");
        var awsJwtVerify = Path.Combine(RepoPaths.JsDir, "node_modules", "aws-jwt-verify", "package.json");
        Assert.True(
            File.Exists(awsJwtVerify),
            $"{awsJwtVerify} is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");

        var result = await ChildProcess.RunAsync(
            "node",
            [script, issuer, jwksUrl, token, tokenUse, clientId],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            Timeout,
            RepoPaths.JsDir,
            ct);

        Assert.True(
            result.ExitCode == 0,
            $"aws-jwt-verify rejected the {tokenUse} token (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}\ntoken: {token}");
        using var payload = JsonDocument.Parse(result.Stdout);
        return payload.RootElement.Clone();
    }

    /// <summary>
    /// Runs aws-jwt-verify's <c>CognitoJwtVerifier</c> on <paramref name="token"/> (<c>test/js/verify-cognito-token.mjs</c>):
    /// configured with the pool id, token use and client id only, so it expects Cognito's own issuer; the JWKS is
    /// fetched from <paramref name="jwksUrl"/> and handed over with <c>cacheJwks</c>. Returns node's result, which the
    /// caller asserts (exit 0 and the payload on stdout, or exit 1 and the error on stderr).
    /// </summary>
    public static async Task<ChildProcessResult> RunCognitoVerifierAsync(
        string userPoolId, string jwksUrl, string token, string tokenUse, string clientId, CancellationToken ct)
    {
        var script = Path.Combine(RepoPaths.JsDir, "verify-cognito-token.mjs");
        var awsJwtVerify = Path.Combine(RepoPaths.JsDir, "node_modules", "aws-jwt-verify", "package.json");
        Assert.True(
            File.Exists(awsJwtVerify),
            $"{awsJwtVerify} is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");

        return await ChildProcess.RunAsync(
            "node",
            [script, userPoolId, jwksUrl, token, tokenUse, clientId],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            Timeout,
            RepoPaths.JsDir,
            ct);
    }
}
