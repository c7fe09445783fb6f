using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>serve --issuer aws</c>: tokens carry Cognito's own issuer, <c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool&gt;</c>,
/// so aws-jwt-verify's <c>CognitoJwtVerifier</c> (given the JWKS with <c>cacheJwks</c>) and the identity pools' provider
/// name work unchanged; the default issuer (<c>&lt;public URL&gt;/&lt;pool&gt;</c>) does not pass that verifier. Each test
/// runs its own server (docs/compatibility-issuer.md).
/// </summary>
public sealed class AwsIssuerTests
{
    private const string Api = "api.example.com/v1";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_issue_tokens_that_CognitoJwtVerifier_accepts_with_the_aws_issuer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--issuer", "aws");
        var cli = new AwsCli(server.BaseUrl);
        using var raw = new RawCognito(server.BaseUrl);

        var poolId = await cli.CreatePoolAsync("aws-issuer", ct);
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
        _ = await cli.CreateConfirmedUserAsync(poolId, "ava", ct, "Name=email,Value=ava@example.com");
        var tokens = await cli.SignInAsync(clientId, "ava", ct);
        var providerName = $"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}";
        var issuer = "https://" + providerName;
        Assert.Equal(issuer, Jwt.Payload(tokens.Str("IdToken")).Str("iss"));
        Assert.Equal(issuer, Jwt.Payload(tokens.Str("AccessToken")).Str("iss"));

        // Discovery, under the pool's path and under the issuer's host and path: the issuer is the tokens', the
        // endpoints are this server's.
        foreach (var path in new[] { $"/{poolId}", $"/{providerName}" })
        {
            var discovery = await raw.GetAsync(path + "/.well-known/openid-configuration", ct);
            Assert.True(discovery.Status == HttpStatusCode.OK, discovery.Describe());
            var document = discovery.Json!.RootElement;
            Assert.Equal(issuer, document.Str("issuer"));
            Assert.Equal($"{server.BaseUrl}/{poolId}/.well-known/jwks.json", document.Str("jwks_uri"));
            Assert.Equal($"{server.BaseUrl}/oauth2/token", document.Str("token_endpoint"));
        }

        // Another region's host is not this pool's issuer.
        var otherRegion = await raw.GetAsync($"/cognito-idp.us-west-2.amazonaws.com/{poolId}/.well-known/jwks.json", ct);
        Assert.True(otherRegion.Status == HttpStatusCode.NotFound, otherRegion.Describe());

        // Code written for Cognito: CognitoJwtVerifier with the pool id, fed the JWKS from the issuer's path.
        var jwksUrl = $"{server.BaseUrl}/{providerName}/.well-known/jwks.json";
        var id = await VerifyAsCognitoAsync(poolId, jwksUrl, tokens.Str("IdToken"), "id", clientId, ct);
        Assert.Equal("ava@example.com", id.Str("email"));
        var access = await VerifyAsCognitoAsync(poolId, jwksUrl, tokens.Str("AccessToken"), "access", clientId, ct);
        Assert.Equal("ava", access.Str("username"));

        // The server takes its own tokens back, and a refresh keeps the issuer.
        Assert.Equal("ava", (await cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok().Str("Username"));
        var refreshed = (await cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok().Prop("AuthenticationResult");
        Assert.Equal(issuer, Jwt.Payload(refreshed.Str("IdToken")).Str("iss"));

        // An identity pool keyed by Cognito's provider name takes the ID token (the name is its iss without https://).
        var idPool = (await cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "aws-issuer",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={providerName},ClientId={clientId},ServerSideTokenCheck=true")).Ok().Str("IdentityPoolId");
        (await cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
            "--roles", "authenticated=arn:aws:iam::123456789012:role/auth")).OkEmpty();
        var logins = JsonSerializer.Serialize(new Dictionary<string, string> { [providerName] = tokens.Str("IdToken") });
        var identityId = (await cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", logins)).Ok().Str("IdentityId");
        _ = (await cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", logins))
            .Ok().Prop("Credentials").Str("AccessKeyId");

        // Machine-to-machine access tokens carry the same issuer.
        (await cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "api",
            "--scopes", "ScopeName=read,ScopeDescription=Read")).Ok();
        var machine = await cli.CreateClientAsync(poolId, "service", ct, "--generate-secret", "--allowed-o-auth-flows", "client_credentials",
            "--allowed-o-auth-scopes", Api + "/read", "--allowed-o-auth-flows-user-pool-client");
        var machineToken = await ClientCredentialsTokenAsync(server.BaseUrl, machine.Str("ClientId"), machine.Str("ClientSecret"), ct);
        _ = await VerifyAsCognitoAsync(poolId, jwksUrl, machineToken, "access", machine.Str("ClientId"), ct);

        // Restarted with the default issuer, the server still takes the tokens it issued as Cognito's issuer.
        server.ExtraArguments = [];
        await server.RestartAsync(ct);
        Assert.Equal("ava", (await cli.CognitoIdpAsync(ct, "get-user", "--access-token", refreshed.Str("AccessToken"))).Ok().Str("Username"));
        Assert.Equal(identityId, (await cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", logins)).Ok().Str("IdentityId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_issue_tokens_that_CognitoJwtVerifier_refuses_with_the_default_issuer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var cli = new AwsCli(server.BaseUrl);
        using var raw = new RawCognito(server.BaseUrl);

        var poolId = await cli.CreatePoolAsync("server-issuer", ct);
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
        _ = await cli.CreateConfirmedUserAsync(poolId, "sam", ct);
        var idToken = (await cli.SignInAsync(clientId, "sam", ct)).Str("IdToken");
        Assert.Equal($"{server.BaseUrl}/{poolId}", Jwt.Payload(idToken).Str("iss"));

        // The same verifier and the right keys: only the issuer differs, and it refuses the token.
        var result = await NodeTokenVerifier.RunCognitoVerifierAsync(
            poolId, NodeTokenVerifier.JwksUrl(server.BaseUrl, poolId), idToken, "id", clientId, ct);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}\n{result.Stdout}");
        Assert.Contains($"issuer not configured: {server.BaseUrl}/{poolId}", result.Stderr, StringComparison.Ordinal);

        // Without the option nothing is served under Cognito's host name.
        var jwks = await raw.GetAsync($"/cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}/.well-known/jwks.json", ct);
        Assert.True(jwks.Status == HttpStatusCode.NotFound, jwks.Describe());
    }

    private static async Task<JsonElement> VerifyAsCognitoAsync(
        string poolId, string jwksUrl, string token, string tokenUse, string clientId, CancellationToken ct)
    {
        var result = await NodeTokenVerifier.RunCognitoVerifierAsync(poolId, jwksUrl, token, tokenUse, clientId, ct);
        Assert.True(result.ExitCode == 0, $"CognitoJwtVerifier rejected the {tokenUse} token (exit {result.ExitCode}): {result.Stderr}\ntoken: {token}");
        using var payload = JsonDocument.Parse(result.Stdout);
        return payload.RootElement.Clone();
    }

    private static async Task<string> ClientCredentialsTokenAsync(string baseUrl, string clientId, string secret, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Str("access_token");
    }
}
