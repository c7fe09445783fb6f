using System.Text.Json;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class TokenLifecycleServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Token lifecycle through the CLI (one shared server)";
}

/// <summary>
/// What happens to tokens after sign-in, through the real AWS CLI: refresh (REFRESH_TOKEN_AUTH, REFRESH_TOKEN,
/// get-tokens-from-refresh-token), get-user, global-sign-out, revoke-token, tokens that are not access tokens or
/// were altered, and lifetimes (docs/cognito-behaviour.md#token-format-and-signing-keys, #token-lifetimes-and-client-defaults).
/// </summary>
[Collection(TokenLifecycleServer.Name)]
public sealed class TokenLifecycleTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_origin_jti_and_auth_time_when_tokens_are_refreshed_with_initiate_auth()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PoolWithUserAsync("refreshes", "ann", ct);
        var signedIn = await Cli.SignInAsync(clientId, "ann", ct);
        var refreshToken = signedIn.Str("RefreshToken");

        // Shaped like Cognito's (a JWE whose header segment is fixed, docs/cognito-behaviour.md#refresh-tokens), so it never starts with '-' and always
        // passes as `--refresh-token VALUE` on the aws CLI's command line.
        Assert.StartsWith("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.", refreshToken, StringComparison.Ordinal);

        foreach (var flow in new[] { "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" })
        {
            var output = (await Cli.CognitoIdpAsync(ct,
                "initiate-auth", "--client-id", clientId, "--auth-flow", flow,
                "--auth-parameters", $"REFRESH_TOKEN={refreshToken}")).Ok();

            // No new refresh token without rotation (docs/cognito-behaviour.md#refresh-tokens); the empty ChallengeParameters is there (docs/cognito-behaviour.md#token-format-and-signing-keys).
            output.AssertEmptyObject("ChallengeParameters");
            var refreshed = output.Prop("AuthenticationResult");
            refreshed.AssertMissing("RefreshToken");
            refreshed.AssertNumber("ExpiresIn", 3600);
            Assert.Equal("Bearer", refreshed.Str("TokenType"));
            AssertSameSignIn(signedIn, refreshed);
        }

        // The refreshed tokens are as good as the first ones for an API.
        var last = (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={refreshToken}")).Ok().Prop("AuthenticationResult");
        _ = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, last.Str("AccessToken"), "access", clientId, ct);
        _ = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, last.Str("IdToken"), "id", clientId, ct);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refresh_with_get_tokens_from_refresh_token_when_the_secret_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("refresh-operation", ct);
        var plainId = await Cli.CreatePasswordClientAsync(poolId, ct);
        var confidential = await Cli.CreateClientAsync(poolId, "confidential", ct, [.. CliSteps.PasswordFlows, "--generate-secret"]);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "bea", ct);

        var signedIn = await Cli.SignInAsync(plainId, "bea", ct);
        var refreshed = (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", plainId, "--refresh-token", signedIn.Str("RefreshToken")))
            .Ok().Prop("AuthenticationResult");
        refreshed.AssertMissing("RefreshToken");
        refreshed.AssertNumber("ExpiresIn", 3600);
        AssertSameSignIn(signedIn, refreshed);

        // A client with a secret takes it in clear here (not as SECRET_HASH).
        var confidentialId = confidential.Str("ClientId");
        var hash = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(confidential.Str("ClientSecret")), System.Text.Encoding.UTF8.GetBytes("bea" + confidentialId)));
        var confidentialTokens = (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", confidentialId, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=bea,PASSWORD={CliSteps.Password},SECRET_HASH={hash}")).Ok().Prop("AuthenticationResult");
        (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", confidentialId, "--refresh-token", confidentialTokens.Str("RefreshToken")))
            .AssertError("NotAuthorizedException", "GetTokensFromRefreshToken", $"Unable to verify secret hash for client {confidentialId}");
        var withSecret = (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", confidentialId, "--client-secret", confidential.Str("ClientSecret"),
            "--refresh-token", confidentialTokens.Str("RefreshToken"))).Ok().Prop("AuthenticationResult");
        AssertSameSignIn(confidentialTokens, withSecret);

        // A refresh token only works for the client it was issued to. Wording unconfirmed (docs/cognito-behaviour.md#error-messages).
        (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", plainId, "--refresh-token", confidentialTokens.Str("RefreshToken")))
            .AssertError("NotAuthorizedException", "GetTokensFromRefreshToken", "Invalid Refresh Token");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_return_the_user_when_get_user_is_given_the_access_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("get-user", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        var created = await Cli.CreateConfirmedUserAsync(poolId, "cal", ct, "Name=email,Value=cal@example.com", "Name=given_name,Value=Cal");
        var tokens = await Cli.SignInAsync(clientId, "cal", ct);

        var user = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok();

        Assert.Equal("cal", user.Str("Username"));
        var attributes = user.Attributes("UserAttributes");
        Assert.Equal(KeyValuePair.Create("sub", created.Attributes("Attributes")[0].Value), attributes[0]);
        Assert.Contains(KeyValuePair.Create("email", "cal@example.com"), attributes);
        Assert.Contains(KeyValuePair.Create("given_name", "Cal"), attributes);

        // A later change shows at once: get-user reads the user, not the token.
        (await Cli.CognitoIdpAsync(ct,
            "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "cal", "--user-attributes", "Name=given_name,Value=Callum"))
            .OkEmpty();
        Assert.Contains(
            KeyValuePair.Create("given_name", "Callum"),
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok().Attributes("UserAttributes"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_the_tokens_when_the_user_signs_out_globally()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, clientId) = await PoolWithUserAsync("global-sign-outs", "dee", ct);
        var tokens = await Cli.SignInAsync(clientId, "dee", ct);
        var otherDevice = await Cli.SignInAsync(clientId, "dee", ct);

        (await Cli.CognitoIdpAsync(ct, "global-sign-out", "--access-token", tokens.Str("AccessToken"))).OkEmpty();

        foreach (var signedIn in new[] { tokens, otherDevice })
        {
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", signedIn.Str("AccessToken")))
                .AssertError("NotAuthorizedException", "GetUser", "Access Token has been revoked");
            (await Cli.CognitoIdpAsync(ct,
                "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
                "--auth-parameters", $"REFRESH_TOKEN={signedIn.Str("RefreshToken")}"))
                .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has been revoked");
        }

        (await Cli.CognitoIdpAsync(ct, "global-sign-out", "--access-token", tokens.Str("AccessToken")))
            .AssertError("NotAuthorizedException", "GlobalSignOut", "Access Token has been revoked");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_the_refresh_token_and_its_access_tokens_when_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, clientId) = await PoolWithUserAsync("revocations", "eli", ct);
        var revoked = await Cli.SignInAsync(clientId, "eli", ct);
        var kept = await Cli.SignInAsync(clientId, "eli", ct);
        var minted = (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={revoked.Str("RefreshToken")}")).Ok().Prop("AuthenticationResult");

        (await Cli.CognitoIdpAsync(ct, "revoke-token", "--client-id", clientId, "--token", revoked.Str("RefreshToken"))).OkEmpty();

        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={revoked.Str("RefreshToken")}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has been revoked");
        // Every access token minted from it goes too (docs/cognito-behaviour.md#hosted-ui-and-oauth-endpoints, /oauth2/revoke; same for RevokeToken).
        foreach (var accessToken in new[] { revoked.Str("AccessToken"), minted.Str("AccessToken") })
        {
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", accessToken))
                .AssertError("NotAuthorizedException", "GetUser", "Access Token has been revoked");
        }

        // The other sign-in is untouched.
        Assert.Equal("eli", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", kept.Str("AccessToken"))).Ok().Str("Username"));
        _ = (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", kept.Str("RefreshToken"))).Ok();

        // Revoking again, or revoking a token the server never issued, succeeds quietly.
        (await Cli.CognitoIdpAsync(ct, "revoke-token", "--client-id", clientId, "--token", revoked.Str("RefreshToken"))).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "revoke-token", "--client-id", clientId, "--token", "not-a-token-this-server-issued")).OkEmpty();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_refresh_token_whose_user_was_deleted_even_once_the_name_is_taken_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PoolWithUserAsync("deleted-then-recreated", "gus", ct);
        var old = (await Cli.SignInAsync(clientId, "gus", ct)).Str("RefreshToken");
        string[] Refresh(string token) =>
            ["initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH", "--auth-parameters", $"REFRESH_TOKEN={token}"];

        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", poolId, "--username", "gus")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, Refresh(old))).AssertError("NotAuthorizedException", "InitiateAuth", "Invalid Refresh Token");

        // A new user of the same name (another sub) inherits nothing; its own tokens refresh.
        _ = await Cli.CreateConfirmedUserAsync(poolId, "gus", ct);
        (await Cli.CognitoIdpAsync(ct, Refresh(old))).AssertError("NotAuthorizedException", "InitiateAuth", "Invalid Refresh Token");
        (await Cli.CognitoIdpAsync(ct, Refresh((await Cli.SignInAsync(clientId, "gus", ct)).Str("RefreshToken")))).Ok();

        // Nor does a token altered by one character, or presented to another client of the pool.
        var current = (await Cli.SignInAsync(clientId, "gus", ct)).Str("RefreshToken");
        var middle = current.Length / 2;
        var altered = string.Concat(current.AsSpan(0, middle), current[middle] == 'A' ? "B" : "A", current.AsSpan(middle + 1));
        (await Cli.CognitoIdpAsync(ct, Refresh(altered))).AssertError("NotAuthorizedException", "InitiateAuth", "Invalid Refresh Token");
        var otherClient = await Cli.CreatePasswordClientAsync(poolId, ct);
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", otherClient, "--auth-flow", "REFRESH_TOKEN_AUTH", "--auth-parameters", $"REFRESH_TOKEN={current}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Invalid Refresh Token");

        // A deleted client's tokens go with it.
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId)).OkEmpty();
        Assert.NotEqual(0, (await Cli.CognitoIdpAsync(ct, Refresh(current))).ExitCode);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_revoke_token_when_the_client_disables_revocation()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("no-revocation", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct, "--no-enable-token-revocation");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "fin", ct);
        var tokens = await Cli.SignInAsync(clientId, "fin", ct);

        // The model names UnsupportedOperationException for this; Cognito's wording is not known.
        (await Cli.CognitoIdpAsync(ct, "revoke-token", "--client-id", clientId, "--token", tokens.Str("RefreshToken")))
            .AssertErrorStartsWith("UnsupportedOperationException", "RevokeToken", "");
        _ = (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", clientId, "--refresh-token", tokens.Str("RefreshToken"))).Ok();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_token_that_is_not_an_unaltered_access_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PoolWithUserAsync("bad-access-tokens", "gia", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "hugo", ct);
        var tokens = await Cli.SignInAsync(clientId, "gia", ct);
        var accessToken = tokens.Str("AccessToken");

        // Claims edited to another user, signature kept.
        var payload = Jwt.Payload(accessToken).GetRawText().Replace("\"username\":\"gia\"", "\"username\":\"hugo\"", StringComparison.Ordinal);
        Assert.Contains("\"hugo\"", payload, StringComparison.Ordinal);
        string[] refused =
        [
            tokens.Str("IdToken"),
            Jwt.WithPayload(accessToken, payload),
            Jwt.WithBrokenSignature(accessToken),
            "eyJhbGciOiJub25lIn0.e30.AAAA",
        ];

        // "Invalid Access Token" is an unconfirmed wording (docs/cognito-behaviour.md#error-messages).
        foreach (var token in refused)
        {
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token))
                .AssertError("NotAuthorizedException", "GetUser", "Invalid Access Token");
        }

        Assert.Equal("gia", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", accessToken)).Ok().Str("Username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_follow_the_client_token_validity_when_ExpiresIn_is_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("lifetimes", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ivy", ct);

        (string[] Options, long Access, long Id)[] cases =
        [
            (["--access-token-validity", "30", "--id-token-validity", "2", "--token-validity-units", "AccessToken=minutes,IdToken=hours"], 1800, 7200),
            (["--access-token-validity", "600", "--id-token-validity", "900", "--token-validity-units", "AccessToken=seconds,IdToken=seconds"], 600, 900),
            // Without units, access and ID validity are hours (docs/cognito-behaviour.md#token-lifetimes-and-client-defaults).
            (["--access-token-validity", "2", "--id-token-validity", "3"], 7200, 10800),
            (["--access-token-validity", "1", "--id-token-validity", "1", "--token-validity-units", "AccessToken=days,IdToken=days", "--refresh-token-validity", "2"], 86400, 86400),
        ];
        foreach (var (options, accessSeconds, idSeconds) in cases)
        {
            var clientId = await Cli.CreatePasswordClientAsync(poolId, ct, options);
            var tokens = await Cli.SignInAsync(clientId, "ivy", ct);
            tokens.AssertNumber("ExpiresIn", accessSeconds);
            AssertLifetime(tokens.Str("AccessToken"), accessSeconds);
            AssertLifetime(tokens.Str("IdToken"), idSeconds);

            var refreshed = (await Cli.CognitoIdpAsync(ct,
                "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
                "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok().Prop("AuthenticationResult");
            refreshed.AssertNumber("ExpiresIn", accessSeconds);
            AssertLifetime(refreshed.Str("AccessToken"), accessSeconds);
        }

        static void AssertLifetime(string token, long seconds)
        {
            var claims = Jwt.Payload(token);
            Assert.Equal(seconds, claims.Prop("exp").GetInt64() - claims.Prop("iat").GetInt64());
        }
    }

    /// <summary>
    /// A refresh answers for the same sign-in: <c>origin_jti</c>, <c>auth_time</c>, <c>sub</c> and the user stay,
    /// <c>jti</c> is new (docs/cognito-behaviour.md#access-token-claims).
    /// </summary>
    private static void AssertSameSignIn(JsonElement signedIn, JsonElement refreshed)
    {
        foreach (var kind in new[] { "AccessToken", "IdToken" })
        {
            var before = Jwt.Payload(signedIn.Str(kind));
            var after = Jwt.Payload(refreshed.Str(kind));
            Assert.Equal(before.Str("origin_jti"), after.Str("origin_jti"));
            Assert.Equal(before.Prop("auth_time").GetInt64(), after.Prop("auth_time").GetInt64());
            Assert.Equal(before.Str("sub"), after.Str("sub"));
            Assert.Equal(before.Str("token_use"), after.Str("token_use"));
            Assert.NotEqual(before.Str("jti"), after.Str("jti"));
        }

        Assert.Equal(
            Jwt.Payload(signedIn.Str("AccessToken")).Str("username"),
            Jwt.Payload(refreshed.Str("AccessToken")).Str("username"));
    }

    private async Task<(string PoolId, string ClientId)> PoolWithUserAsync(string poolName, string username, CancellationToken ct)
    {
        var poolId = await Cli.CreatePoolAsync(poolName, ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, username, ct);
        return (poolId, clientId);
    }
}
