using System.Net;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>serve --public-url</c>: the base of every pool's issuer when Ninsho sits behind a proxy or a public name. The
/// tokens' <c>iss</c>, the discovery document and what the server accepts back all use it. Runs its own server.
/// </summary>
public sealed class PublicUrlTests
{
    private const string PublicUrl = "https://auth.example.test";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_issue_tokens_under_the_public_url_when_one_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--public-url", PublicUrl + "/");
        var cli = new AwsCli(server.BaseUrl);
        using var raw = new RawCognito(server.BaseUrl);

        var poolId = await cli.CreatePoolAsync("behind-a-proxy", ct);
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
        _ = await cli.CreateConfirmedUserAsync(poolId, "pat", ct, "Name=email,Value=pat@example.com");
        var tokens = await cli.SignInAsync(clientId, "pat", ct);

        // The trailing slash given on the command line does not double up.
        var issuer = $"{PublicUrl}/{poolId}";
        Assert.Equal(issuer, Jwt.Payload(tokens.Str("AccessToken")).Str("iss"));
        Assert.Equal(issuer, Jwt.Payload(tokens.Str("IdToken")).Str("iss"));

        // Discovery is served where the server listens, and names the same issuer.
        var discovery = await raw.GetAsync($"/{poolId}/.well-known/openid-configuration", ct);
        Assert.True(discovery.Status == HttpStatusCode.OK, discovery.Describe());
        var document = discovery.Json!.RootElement;
        Assert.Equal(issuer, document.Str("issuer"));
        Assert.Equal(issuer + "/.well-known/jwks.json", document.Str("jwks_uri"));

        // An API configured with the public issuer verifies the tokens (JWKS fetched from the listening address).
        var jwksUrl = NodeTokenVerifier.JwksUrl(server.BaseUrl, poolId);
        var access = await NodeTokenVerifier.VerifyWithIssuerAsync(issuer, jwksUrl, tokens.Str("AccessToken"), "access", clientId, ct);
        Assert.Equal("pat", access.Str("username"));
        var id = await NodeTokenVerifier.VerifyWithIssuerAsync(issuer, jwksUrl, tokens.Str("IdToken"), "id", clientId, ct);
        Assert.Equal("pat@example.com", id.Str("email"));

        // The server accepts its own tokens back, and a refresh keeps the issuer.
        Assert.Equal("pat", (await cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok().Str("Username"));
        var refreshed = (await cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok().Prop("AuthenticationResult");
        Assert.Equal(issuer, Jwt.Payload(refreshed.Str("AccessToken")).Str("iss"));
    }
}
