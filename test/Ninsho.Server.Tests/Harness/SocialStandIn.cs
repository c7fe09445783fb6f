using System.Security.Cryptography;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/social-standin.mjs</c>: a stand-in for Facebook Login, Login with Amazon and Sign in with Apple
/// on their documented paths, on a free loopback port, for <c>--federation-endpoint Facebook=…</c>,
/// <c>LoginWithAmazon=…</c> and <c>SignInWithApple=…</c>. Apple's token endpoint accepts only client secrets
/// signed by <see cref="ApplePrivateKeyPem"/> (an EC P-256 key made here). Disposal kills the process.
/// </summary>
public sealed class SocialStandIn : IAsyncDisposable
{
    public const string ClientId = "social-client";
    public const string ClientSecret = "social-secret";
    public const string AppleTeamId = "TEAM123456";
    public const string AppleKeyId = "KEY1234567";
    private static readonly (string Private, string PublicSpki) AppleKey = MakeAppleKey();
    private readonly NodeScriptProcess _node;

    private SocialStandIn(NodeScriptProcess node) => _node = node;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl => _node.BaseUrl;

    /// <summary>The PKCS#8 PEM of the key Apple's stand-in trusts for client secrets (an Apple <c>.p8</c> key).</summary>
    public static string ApplePrivateKeyPem => AppleKey.Private;

    /// <summary>What the provider printed, for failure messages.</summary>
    public string Output => _node.Output;

    /// <summary>Starts the provider and waits for its <c>{"port": N, "issuer": …}</c> line.</summary>
    public static async Task<SocialStandIn> StartAsync(CancellationToken ct)
    {
        return new SocialStandIn(await NodeScriptProcess.StartAsync("social-standin.mjs",
        [
            "--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret,
            "--apple-team-id", AppleTeamId, "--apple-key-id", AppleKeyId, "--apple-public-key", AppleKey.PublicSpki,
        ], ct));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    /// <summary>An EC P-256 key as Apple hands out (<c>.p8</c>, PKCS#8 PEM) and its public key (SPKI, base64).</summary>
    private static (string, string) MakeAppleKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }
}
