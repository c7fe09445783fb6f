using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// A password set by any path (admin, invitation + NEW_PASSWORD_REQUIRED, sign-up, forgot-password reset,
/// change-password) signs in with both USER_SRP_AUTH (boto3 + Python SRP) and USER_PASSWORD_AUTH (aws CLI).
/// </summary>
[Collection(SrpServer.Name)]
public sealed class SrpPasswordPathTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_accept_every_path_s_password_over_SRP_and_USER_PASSWORD_AUTH()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-paths", ct, "--auto-verified-attributes", "email");
        var clientId = (await Cli.CreateClientAsync(poolId, "srp", ct,
            "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");

        // admin-set-user-password --permanent
        _ = await Cli.CreateConfirmedUserAsync(poolId, "admin-set", ct);
        await AssertBothAsync(poolId, clientId, "admin-set", CliSteps.Password);

        // admin-create-user with a temporary password: SRP leads to NEW_PASSWORD_REQUIRED, answered through the CLI.
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "invited",
            "--temporary-password", "Temp#Pass1234", "--message-action", "SUPPRESS")).Ok();
        var temporary = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "invited", "Temp#Pass1234", ct);
        Assert.Equal("NEW_PASSWORD_REQUIRED", temporary.Prop("result").Str("ChallengeName"));
        var session = (await SignInAsync(clientId, "invited", "Temp#Pass1234")).Ok().Str("Session");
        (await Cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", clientId, "--challenge-name", "NEW_PASSWORD_REQUIRED",
            "--session", session, "--challenge-responses", "USERNAME=invited,NEW_PASSWORD=Chosen#Pass123")).Ok();
        await AssertBothAsync(poolId, clientId, "invited", "Chosen#Pass123");

        // sign-up + confirm-sign-up (code from the outbox)
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "signed-up", "--password", "SignUp#Pass123",
            "--user-attributes", "Name=email,Value=signed-up@example.com")).Ok();
        var signUpCode = (await OutboxAsync(poolId, "signed-up@example.com")).Items("Messages")[^1].Str("Code");
        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "signed-up", "--confirmation-code", signUpCode)).OkEmpty();
        await AssertBothAsync(poolId, clientId, "signed-up", "SignUp#Pass123");

        // forgot-password + confirm-forgot-password (code from the outbox); the old password stops working over SRP
        _ = (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", clientId, "--username", "signed-up")).Ok();
        var code = (await OutboxAsync(poolId, "signed-up@example.com")).Items("Messages")[^1].Str("Code");
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "signed-up",
            "--confirmation-code", code, "--password", "Reset#Pass123")).OkEmpty();
        await AssertBothAsync(poolId, clientId, "signed-up", "Reset#Pass123");
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "signed-up", "SignUp#Pass123", ct),
            "respond", "NotAuthorizedException", "Incorrect username or password.");

        // change-password with the access token of an SRP sign-in
        var access = PythonSrpSignIn.Tokens(await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "signed-up", "Reset#Pass123", ct))
            .Str("AccessToken");
        (await Cli.CognitoIdpAsync(ct, "change-password", "--previous-password", "Reset#Pass123", "--proposed-password", "Change#Pass123",
            "--access-token", access)).OkEmpty();
        await AssertBothAsync(poolId, clientId, "signed-up", "Change#Pass123");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_use_the_sub_as_USER_ID_FOR_SRP_in_email_as_username_pools()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-email", ct, "--username-attributes", "email");
        var clientId = (await Cli.CreateClientAsync(poolId, "srp", ct, "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
            .Str("ClientId");
        var user = await Cli.CreateConfirmedUserAsync(poolId, "erin@example.com", ct);
        var internalName = user.Str("Username");

        var report = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "erin@example.com", CliSteps.Password, ct);

        Assert.Equal(internalName, report.Prop("challenge").Prop("ChallengeParameters").Str("USER_ID_FOR_SRP"));
        Assert.Equal(internalName, Jwt.Payload(PythonSrpSignIn.Tokens(report).Str("AccessToken")).Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_SRP_for_a_password_from_before_SRP_until_a_password_sign_in_adds_the_verifier()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-upgrade", ct);
        var clientId = (await Cli.CreateClientAsync(poolId, "srp", ct,
            "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "old", ct);
        // What an earlier Ninsho left behind: the PBKDF2 hash and no "srp" entry in the user's extra JSON.
        var database = Path.Combine(fixture.Server.DataDir, "ninsho.db");
        var script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE users SET extra_json=NULL WHERE pool_id=?\", (sys.argv[2],)); c.commit()";
        var result = await ChildProcess.RunAsync("python3", ["-c", script, database, poolId], new Dictionary<string, string?>(StringComparer.Ordinal),
            TimeSpan.FromSeconds(30), null, ct);
        Assert.True(result.ExitCode == 0, result.Stderr);

        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "old", CliSteps.Password, ct),
            "respond", "NotAuthorizedException", "Incorrect username or password.");
        _ = (await SignInAsync(clientId, "old", CliSteps.Password)).Ok().Prop("AuthenticationResult").Str("AccessToken");
        await AssertBothAsync(poolId, clientId, "old", CliSteps.Password);
    }

    private async Task AssertBothAsync(string poolId, string clientId, string username, string password)
    {
        var srp = PythonSrpSignIn.Tokens(await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, username, password, Ct));
        Assert.Equal(username, Jwt.Payload(srp.Str("AccessToken")).Str("username"));
        _ = (await SignInAsync(clientId, username, password)).Ok().Prop("AuthenticationResult").Str("AccessToken");
    }

    private Task<AwsCliResult> SignInAsync(string clientId, string username, string password) =>
        Cli.CognitoIdpAsync(Ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USERNAME"] = username,
                ["PASSWORD"] = password,
            }));

    private async Task<JsonElement> OutboxAsync(string poolId, string recipient)
    {
        var response = await fixture.Raw.GetAsync($"/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient={Uri.EscapeDataString(recipient)}", Ct);
        Assert.Equal(200, response.StatusCode);
        return response.Json!.RootElement;
    }
}
