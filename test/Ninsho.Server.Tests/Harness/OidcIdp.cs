namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/oidc-idp.mjs</c>: a real OpenID provider (the npm package <c>oidc-provider</c>) on a free loopback
/// port, with a development login page that takes any login and password. Its endpoints sit on Google's paths, so it
/// also stands in for Google behind <c>--federation-endpoint Google=…</c>. Disposal kills the process.
/// </summary>
public sealed class OidcIdp : IAsyncDisposable
{
    public const string ClientId = "ninsho-rp";
    public const string ClientSecret = "ninsho-idp-secret-0123456789abcdef";
    private readonly NodeScriptProcess _node;

    private OidcIdp(NodeScriptProcess node) => _node = node;

    /// <summary>The provider's issuer, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer => _node.BaseUrl;

    /// <summary>What the provider printed, for failure messages.</summary>
    public string Output => _node.Output;

    /// <summary>Starts the provider and waits for its <c>{"port": N, "issuer": …}</c> line.</summary>
    public static async Task<OidcIdp> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "oidc-provider", "package.json")))
        {
            const string missing = "oidc-provider is missing: run scripts/setup.sh (it runs 'npm ci' in test/js).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing);
            Assert.Skip(missing);
        }

        return new OidcIdp(await NodeScriptProcess.StartAsync("oidc-idp.mjs",
            ["--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret, "--redirect-prefix", "http://127.0.0.1:"], ct));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
