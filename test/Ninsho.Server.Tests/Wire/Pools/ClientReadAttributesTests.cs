namespace Ninsho.Server.Tests;

/// <summary>Issue 4 through the <c>aws</c> CLI: an app client that lists ReadAttributes sees only those (plus
/// <c>sub</c>, docs/cognito-behaviour.md#id-token-claims) in GetUser and in the ID token it is issued; a client without ReadAttributes
/// sees every attribute; the admin views are unaffected.</summary>
[Collection(UserLifecycleServer.Name)]
public sealed class ClientReadAttributesTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_client_with_ReadAttributes_reads_only_those_in_GetUser_and_its_ID_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("read-attrs", ct, "--schema", """[{"Name":"plan","AttributeDataType":"String","Mutable":true}]""");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ria", ct,
            "Name=email,Value=ria@example.com", "Name=email_verified,Value=true", "Name=name,Value=Ria", "Name=custom:plan,Value=gold");
        var narrow = (await Cli.CreateClientAsync(poolId, "narrow", ct, [.. CliSteps.PasswordFlows, "--read-attributes", "email", "custom:plan"])).Str("ClientId");
        var wide = await Cli.CreatePasswordClientAsync(poolId, ct);

        var narrowTokens = await Cli.SignInAsync(narrow, "ria", ct);
        var narrowView = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", narrowTokens.Str("AccessToken"))).Ok();
        Assert.Equal("sub", narrowView.Attributes("UserAttributes")[0].Key);
        Assert.Equal(["custom:plan", "email", "sub"], narrowView.Attributes("UserAttributes").Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("ria", narrowView.Str("Username"));
        var narrowClaims = Jwt.Payload(narrowTokens.Str("IdToken"));
        Assert.Equal("ria@example.com", narrowClaims.Str("email"));
        Assert.Equal("gold", narrowClaims.Str("custom:plan"));
        Assert.False(string.IsNullOrEmpty(narrowClaims.Str("sub")));
        narrowClaims.AssertMissing("name");
        narrowClaims.AssertMissing("email_verified");

        // A refresh re-issues the ID token with the same restriction.
        var refreshed = (await Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", narrow, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", "REFRESH_TOKEN=" + narrowTokens.Str("RefreshToken"))).Ok().Prop("AuthenticationResult");
        Jwt.Payload(refreshed.Str("IdToken")).AssertMissing("name");

        var wideTokens = await Cli.SignInAsync(wide, "ria", ct);
        var wideView = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", wideTokens.Str("AccessToken"))).Ok();
        Assert.Equal(["custom:plan", "email", "email_verified", "name", "sub"], wideView.Attributes("UserAttributes").Select(a => a.Key).Order(StringComparer.Ordinal));
        var wideClaims = Jwt.Payload(wideTokens.Str("IdToken"));
        Assert.Equal("Ria", wideClaims.Str("name"));
        wideClaims.AssertTrue("email_verified");

        // Admin reads are not a client's: all attributes.
        Assert.Equal(5, (await Cli.GetUserAsync(poolId, "ria", ct)).Attributes("UserAttributes").Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Changing_a_clients_ReadAttributes_applies_to_its_next_GetUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("read-attrs-update", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "uma", ct, "Name=name,Value=Uma", "Name=nickname,Value=u");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        var token = (await Cli.SignInAsync(clientId, "uma", ct)).Str("AccessToken");
        Assert.Contains("nickname", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token)).Ok().Attributes("UserAttributes").Select(a => a.Key));

        (await Cli.CognitoIdpAsync(ct, ["update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId,
            .. CliSteps.PasswordFlows, "--read-attributes", "name"])).Ok();
        Assert.Equal(["sub", "name"], (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token)).Ok().Attributes("UserAttributes").Select(a => a.Key));
    }
}
