using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Refresh token rotation through the real AWS CLI and the token endpoint: a client with
/// <c>RefreshTokenRotation.Feature = ENABLED</c> hands out a new refresh token on every GetTokensFromRefreshToken (and
/// <c>grant_type=refresh_token</c>), the old one works for <c>RetryGracePeriodSeconds</c> more and is then refused,
/// REFRESH_TOKEN_AUTH is refused, and revocation still covers every token of the sign-in
/// (docs/compatibility-refresh-rotation.md). Grace periods of 0 and 60 seconds: no test waits.
/// </summary>
[Collection(TokenLifecycleServer.Name)]
public sealed class RefreshTokenRotationTests(NinshoServerFixture fixture) : IDisposable
{
    private const string RefreshTokenHeader = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AwsCli Cli => fixture.Cli;

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_rotate_the_refresh_token_and_refuse_the_old_one_at_once_without_a_grace_period()
    {
        var ct = TestContext.Current.CancellationToken;
        // As the Developer Guide asks, the rotating client does not list ALLOW_REFRESH_TOKEN_AUTH.
        var (poolId, clientId) = await RotatingPoolAsync("rotation-no-grace", grace: 0, ct, "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH");
        var signedIn = await Cli.SignInAsync(clientId, "ann", ct);
        var first = signedIn.Str("RefreshToken");

        var rotated = await RefreshAsync(clientId, first, ct);
        var second = rotated.Str("RefreshToken");
        Assert.StartsWith(RefreshTokenHeader, second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        rotated.AssertNumber("ExpiresIn", 3600);
        AssertSameSignIn(signedIn, rotated);
        _ = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, rotated.Str("AccessToken"), "access", clientId, ct);

        // No grace: the old token is spent the moment it was rotated.
        (await Cli.CognitoIdpAsync(ct, "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", first))
            .AssertError("RefreshTokenReuseException", "GetTokensFromRefreshToken", "Invalid Refresh Token");

        // The new token rotates in its turn, and keeps the sign-in's auth_time and origin_jti.
        var third = await RefreshAsync(clientId, second, ct);
        Assert.NotEqual(second, third.Str("RefreshToken"));
        AssertSameSignIn(signedIn, third);
        (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", third.Str("AccessToken"))).Ok();

        // REFRESH_TOKEN_AUTH does not work on a rotating client, whatever its flows say.
        var withFlow = await Cli.CreatePasswordClientAsync(poolId, ct, "--refresh-token-rotation", "Feature=ENABLED,RetryGracePeriodSeconds=0");
        var flowSignIn = await Cli.SignInAsync(withFlow, "ann", ct);
        foreach (var id in new[] { clientId, withFlow })
        {
            (await Cli.CognitoIdpAsync(ct,
                "initiate-auth", "--client-id", id, "--auth-flow", "REFRESH_TOKEN_AUTH",
                "--auth-parameters", $"REFRESH_TOKEN={(id == clientId ? third.Str("RefreshToken") : flowSignIn.Str("RefreshToken"))}"))
                .AssertError("InvalidParameterException", "InitiateAuth", "Refresh Token auth flow not enabled for this client");
        }

        (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", withFlow, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={flowSignIn.Str("RefreshToken")}"))
            .AssertError("InvalidParameterException", "AdminInitiateAuth", "Refresh Token auth flow not enabled for this client");
        Assert.NotEqual(flowSignIn.Str("RefreshToken"), (await RefreshAsync(withFlow, flowSignIn.Str("RefreshToken"), ct)).Str("RefreshToken"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_honour_the_old_token_during_the_grace_period_and_revoke_the_whole_family()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, clientId) = await RotatingPoolAsync("rotation-grace", grace: 60, ct);
        var signedIn = await Cli.SignInAsync(clientId, "ann", ct);
        var first = signedIn.Str("RefreshToken");

        // Within the grace period the old token works again (a retry after a lost answer) and gives yet another token.
        var rotated = await RefreshAsync(clientId, first, ct);
        var retried = await RefreshAsync(clientId, first, ct);
        Assert.Equal(3, new[] { first, rotated.Str("RefreshToken"), retried.Str("RefreshToken") }.Distinct().Count());
        AssertSameSignIn(signedIn, retried);
        var next = await RefreshAsync(clientId, rotated.Str("RefreshToken"), ct);

        // Revoking the newest token revokes the sign-in: every refresh token rotation made from it, the old one
        // still in its grace period, and the access tokens.
        (await Cli.CognitoIdpAsync(ct, "revoke-token", "--client-id", clientId, "--token", next.Str("RefreshToken"))).OkEmpty();
        foreach (var token in new[] { first, rotated.Str("RefreshToken"), retried.Str("RefreshToken"), next.Str("RefreshToken") })
        {
            (await Cli.CognitoIdpAsync(ct, "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", token))
                .AssertError("NotAuthorizedException", "GetTokensFromRefreshToken", "Refresh Token has been revoked");
        }

        foreach (var tokens in new[] { signedIn, rotated, next })
        {
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken")))
                .AssertError("NotAuthorizedException", "GetUser", "Access Token has been revoked");
        }

        // Global sign-out reaches rotated tokens too.
        var again = await Cli.SignInAsync(clientId, "ann", ct);
        var again2 = await RefreshAsync(clientId, again.Str("RefreshToken"), ct);
        (await Cli.CognitoIdpAsync(ct, "global-sign-out", "--access-token", again2.Str("AccessToken"))).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", again2.Str("RefreshToken")))
            .AssertError("NotAuthorizedException", "GetTokensFromRefreshToken", "Refresh Token has been revoked");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_serve_concurrent_uses_of_one_token_without_a_server_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, graceClient) = await RotatingPoolAsync("rotation-race", grace: 60, ct);
        var strictClient = await Cli.CreatePasswordClientAsync(poolId, ct, "--refresh-token-rotation", "Feature=ENABLED,RetryGracePeriodSeconds=0");

        // With a grace period both uses succeed, each with its own new token, and both new tokens work.
        var graceToken = (await Cli.SignInAsync(graceClient, "ann", ct)).Str("RefreshToken");
        var both = await Task.WhenAll(RawRefreshAsync(graceClient, graceToken, ct), RawRefreshAsync(graceClient, graceToken, ct));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var fresh = both.Select(r => r.Body.Prop("AuthenticationResult").Str("RefreshToken")).ToArray();
        Assert.NotEqual(fresh[0], fresh[1]);
        foreach (var token in fresh)
        {
            _ = await RefreshAsync(graceClient, token, ct);
        }

        // Without one, a use that loses the race hears RefreshTokenReuseException, never a 500.
        var strictToken = (await Cli.SignInAsync(strictClient, "ann", ct)).Str("RefreshToken");
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RawRefreshAsync(strictClient, strictToken, ct)));
        Assert.Contains(raced, r => r.Status == HttpStatusCode.OK);
        Assert.All(raced.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("RefreshTokenReuseException", r.Body.Str("__type"));
        });
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_rotate_at_the_token_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await RotatingPoolAsync("rotation-oauth", grace: 0, ct, "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH");
        var first = (await Cli.SignInAsync(clientId, "ann", ct)).Str("RefreshToken");

        var (status, body) = await TokenEndpointAsync(clientId, first, ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["access_token", "id_token", "refresh_token", "expires_in", "token_type"], body.Names());
        var second = body.Str("refresh_token");
        Assert.StartsWith(RefreshTokenHeader, second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        _ = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, body.Str("access_token"), "access", clientId, ct);

        var (oldStatus, oldBody) = await TokenEndpointAsync(clientId, first, ct);
        Assert.Equal(HttpStatusCode.BadRequest, oldStatus);
        Assert.Equal("invalid_grant", oldBody.Str("error"));
        Assert.NotEqual(second, (await RefreshAsync(clientId, second, ct)).Str("RefreshToken"));
    }

    private async Task<(string PoolId, string ClientId)> RotatingPoolAsync(string name, int grace, CancellationToken ct, params string[] flows)
    {
        var poolId = await Cli.CreatePoolAsync(name, ct);
        var rotation = new[] { "--refresh-token-rotation", $"Feature=ENABLED,RetryGracePeriodSeconds={grace}" };
        var clientId = flows.Length == 0
            ? await Cli.CreatePasswordClientAsync(poolId, ct, rotation)
            : (await Cli.CreateClientAsync(poolId, "rotating", ct, [.. flows, .. rotation])).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ann", ct);
        return (poolId, clientId);
    }

    private async Task<JsonElement> RefreshAsync(string clientId, string refreshToken, CancellationToken ct)
    {
        var result = (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", refreshToken)).Ok().Prop("AuthenticationResult");
        Assert.StartsWith(RefreshTokenHeader, result.Str("RefreshToken"), StringComparison.Ordinal);
        return result;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RawRefreshAsync(string clientId, string refreshToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl.TrimEnd('/') + "/")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { ClientId = clientId, RefreshToken = refreshToken })),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken");
        using var response = await _http.SendAsync(request, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenEndpointAsync(string clientId, string refreshToken, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "refresh_token"), KeyValuePair.Create("client_id", clientId), KeyValuePair.Create("refresh_token", refreshToken)]);
        using var response = await _http.PostAsync(fixture.BaseUrl.TrimEnd('/') + "/oauth2/token", content, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static void AssertSameSignIn(JsonElement signedIn, JsonElement refreshed)
    {
        foreach (var kind in new[] { "AccessToken", "IdToken" })
        {
            var before = Jwt.Payload(signedIn.Str(kind));
            var after = Jwt.Payload(refreshed.Str(kind));
            Assert.Equal(before.Str("origin_jti"), after.Str("origin_jti"));
            Assert.Equal(before.Prop("auth_time").GetInt64(), after.Prop("auth_time").GetInt64());
            Assert.Equal(before.Str("sub"), after.Str("sub"));
            Assert.NotEqual(before.Str("jti"), after.Str("jti"));
        }
    }
}
