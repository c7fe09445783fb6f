using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>UserMigration through the aws CLI with real Node handlers (docs/triggers.md#usermigration): an unknown
/// user is migrated on a password sign-in or on ForgotPassword, signs in afterwards without the function, and a
/// refusing function is Cognito's "not found".</summary>
public sealed class UserMigrationTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string LegacyPassword = "Legacy#Pass123";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_migrate_an_unknown_user_on_password_sign_in_and_not_call_the_function_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("migrate-legacy"), ct);

        var first = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=legacy,PASSWORD={LegacyPassword}", "--client-metadata", "origin=wire-test")).Ok();
        Assert.False(string.IsNullOrEmpty(first.Prop("AuthenticationResult").Str("AccessToken")));

        var user = await cli.GetUserAsync(pool, "legacy", ct);
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
        Assert.Equal("legacy@example.com", Attribute(user, "email"));
        Assert.Equal("true", Attribute(user, "email_verified"));
        Assert.False(string.IsNullOrEmpty(Attribute(user, "sub")));

        // The second sign-in is an ordinary one (the password was stored, hashed), and so is a wrong password;
        // the admin flow works too. The function ran once.
        _ = await cli.SignInAsync(client, "legacy", ct, LegacyPassword);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=legacy,PASSWORD=Wrong#Pass123"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");
        (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME=legacy,PASSWORD={LegacyPassword}")).Ok();

        var logged = Assert.Single(await InvocationsAsync(fixture.Server, pool, ct));
        Assert.Equal("UserMigration_Authentication", logged.Str("TriggerSource"));
        var evt = logged.GetProperty("Event");
        Assert.Equal("legacy", evt.Str("userName"));
        Assert.Equal(client, evt.GetProperty("callerContext").Str("clientId"));
        var request = evt.GetProperty("request");
        Assert.Equal(LegacyPassword, request.Str("password"));
        Assert.Equal("""{"origin":"wire-test"}""", request.GetProperty("validationData").GetRawText());
        Assert.False(request.TryGetProperty("clientMetadata", out _));
        Assert.Equal(
            """{"userAttributes":null,"forceAliasCreation":null,"enableSMSMFA":null,"finalUserStatus":null,"messageAction":null,"desiredDeliveryMediums":null}""",
            evt.GetProperty("response").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_migrate_an_unknown_user_on_forgot_password_and_send_the_code()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("migrate-legacy"), ct);

        var forgot = (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "forgetful",
            "--client-metadata", "origin=wire-test")).Ok();
        Assert.Equal("EMAIL", forgot.Prop("CodeDeliveryDetails").Str("DeliveryMedium"));
        Assert.Equal("RESET_REQUIRED", (await cli.GetUserAsync(pool, "forgetful", ct)).Str("UserStatus"));

        using var raw = new RawCognito(fixture.Server.BaseUrl);
        var (code, medium, _) = await MfaSteps.LastCodeAsync(raw, pool, "forgetful@example.com", ct);
        Assert.Equal("EMAIL", medium);
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", client, "--username", "forgetful",
            "--confirmation-code", code, "--password", CliSteps.Password)).OkEmpty();
        Assert.Equal("CONFIRMED", (await cli.GetUserAsync(pool, "forgetful", ct)).Str("UserStatus"));
        _ = await cli.SignInAsync(client, "forgetful", ct);

        var logged = Assert.Single(await InvocationsAsync(fixture.Server, pool, ct));
        Assert.Equal("UserMigration_ForgotPassword", logged.Str("TriggerSource"));
        var request = logged.GetProperty("Event").GetProperty("request");
        Assert.False(request.TryGetProperty("password", out _));
        Assert.Equal("""{"origin":"wire-test"}""", request.GetProperty("clientMetadata").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_not_found_when_the_function_refuses_or_migrates_nobody()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("migrate-refuse"), ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=ghost,PASSWORD=Ghost#Pass123"))
            .AssertError("UserNotFoundException", "InitiateAuth", "UserMigration failed with error User not found.");
        (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "ghost"))
            .AssertError("UserNotFoundException", "ForgotPassword", "UserMigration failed with error User not found.");
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "ghost"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        // A client that hides users answers as for any unknown user.
        var hiding = await cli.CreatePasswordClientAsync(pool, ct, "--prevent-user-existence-errors", "ENABLED");
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", hiding, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=ghost,PASSWORD=Ghost#Pass123"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");

        // The event returned unchanged migrates nobody: the ordinary "not found".
        var (_, emptyPool, emptyClient) = await PoolAsync(LambdaHost.Arn("migrate-empty"), ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", emptyClient, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=ghost,PASSWORD=Ghost#Pass123"))
            .AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");
        Assert.Single(await InvocationsAsync(fixture.Server, emptyPool, ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_create_a_RESET_REQUIRED_user_and_demand_a_reset_when_the_function_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("migrate-reset"), ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=olduser,PASSWORD={LegacyPassword}"))
            .AssertError("PasswordResetRequiredException", "InitiateAuth", "Password reset required for the user");
        Assert.Equal("RESET_REQUIRED", (await cli.GetUserAsync(pool, "olduser", ct)).Str("UserStatus"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_turn_on_SMS_MFA_for_a_migrated_user_when_the_function_says_enableSMSMFA()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("migrate-legacy"), ct);
        (await cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", pool, "--mfa-configuration", "OPTIONAL",
            "--sms-mfa-configuration", """{"SmsAuthenticationMessage":"Your code is {####}","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns"}}""")).Ok();

        // The migrating sign-in itself already asks for the SMS code: the user is an ordinary user with SMS MFA on.
        var first = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=texter,PASSWORD=Texter#Pass123")).Ok();
        Assert.Equal("SMS_MFA", first.Str("ChallengeName"));
        var user = await cli.GetUserAsync(pool, "texter", ct);
        Assert.Equal(["SMS_MFA"], user.Items("UserMFASettingList").Select(e => e.GetString()!).ToArray());
        Assert.Equal("+81901234568", Attribute(user, "phone_number"));

        // Without enableSMSMFA (the other users of the same function) nothing is turned on.
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=legacy,PASSWORD={LegacyPassword}")).Ok().Prop("AuthenticationResult");
    }

    private async Task<(AwsCli Cli, string Pool, string Client)> PoolAsync(string functionArn, CancellationToken ct)
    {
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("migration", ct, "--lambda-config", JsonSerializer.Serialize(new Dictionary<string, string> { ["UserMigration"] = functionArn }));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        return (cli, pool, client);
    }

    private static string? Attribute(JsonElement user, string name) =>
        user.GetProperty("UserAttributes").EnumerateArray().FirstOrDefault(a => a.Str("Name") == name) is { ValueKind: JsonValueKind.Object } a
            ? a.Str("Value")
            : null;

    private static async Task<IReadOnlyList<JsonElement>> InvocationsAsync(NinshoProcess server, string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"{server.BaseUrl}/_ninsho/triggers?pool={pool}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.Clone())];
    }
}
