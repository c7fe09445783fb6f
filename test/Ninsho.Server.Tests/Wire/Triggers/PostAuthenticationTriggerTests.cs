using static Ninsho.Server.Tests.TriggerWireSteps;

namespace Ninsho.Server.Tests;

/// <summary>PostAuthentication through the aws CLI with a real Node handler (docs/triggers.md#postauthentication): it runs
/// when a sign-in ends in tokens, after pre token generation; a throw fails the sign-in; refresh never runs it.</summary>
public sealed class PostAuthenticationTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fail_the_sign_in_after_the_password_and_never_runs_on_refresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, Config("PostAuthentication", "postauth-pause"), "alice@example.com", ct);
        _ = await cli.CreateConfirmedUserAsync(pool, "paula", ct, "Name=email,Value=paula@paused.example");

        (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=paula,PASSWORD={CliSteps.Password}"))
            .AssertError("UserLambdaValidationException", "AdminInitiateAuth", "PostAuthentication failed with error Account under review.");

        // A wrong password never reaches it.
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=paula,PASSWORD=Wrong-Password-1")).AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");

        var tokens = await AdminSignInAsync(cli, pool, client, "alice", ct, "--client-metadata", "origin=initiate");
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok();

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PostAuthentication_Authentication", "PostAuthentication_Authentication"], logged.Select(l => l.Str("TriggerSource")));
        var evt = logged[1].GetProperty("Event");
        Assert.Equal("alice", evt.Str("userName"));
        var request = evt.GetProperty("request");
        Assert.Equal("alice@example.com", request.GetProperty("userAttributes").Str("email"));
        Assert.Equal("CONFIRMED", request.GetProperty("userAttributes").Str("cognito:user_status"));

        // InitiateAuth's ClientMetadata does not reach it; a pool without device tracking sends no newDeviceUsed.
        Assert.False(request.TryGetProperty("clientMetadata", out _));
        Assert.False(request.TryGetProperty("newDeviceUsed", out _));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_after_pre_token_generation_with_the_RespondToAuthChallenge_metadata_and_newDeviceUsed()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, PreTokenConfig("V2_0", "pretoken-add-claim", "PostAuthentication", "postauth-pause"), "alice@example.com", ct,
            ["--device-configuration", "ChallengeRequiredOnNewDevice=false,DeviceOnlyRememberedOnUserPrompt=true"]);
        _ = await cli.CreateUserAsync(pool, "ivan", ct, "Name=email,Value=ivan@example.com");
        const string Temporary = "Temp-Password-1";
        (await cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", pool, "--username", "ivan", "--password", Temporary, "--no-permanent")).OkEmpty();

        var challenge = (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=ivan,PASSWORD={Temporary}")).Ok();
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Str("ChallengeName"));
        var result = (await cli.CognitoIdpAsync(ct, "admin-respond-to-auth-challenge", "--user-pool-id", pool, "--client-id", client,
            "--challenge-name", "NEW_PASSWORD_REQUIRED", "--session", challenge.Str("Session"),
            "--challenge-responses", $"USERNAME=ivan,NEW_PASSWORD={CliSteps.Password}", "--client-metadata", "step=respond")).Ok().Prop("AuthenticationResult");
        Assert.Equal("acme", JwtPayload.Decode(result.Str("IdToken")).Str("tenant"));

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["TokenGeneration_NewPasswordChallenge", "PostAuthentication_Authentication"], logged.Select(l => l.Str("TriggerSource")));
        var request = logged[1].GetProperty("Event").GetProperty("request");
        Assert.Equal("""{"step":"respond"}""", request.GetProperty("clientMetadata").GetRawText());
        Assert.True(request.GetProperty("newDeviceUsed").GetBoolean());
        Assert.Equal("""{"step":"respond"}""", logged[0].GetProperty("Event").GetProperty("request").GetProperty("clientMetadata").GetRawText());
    }
}
