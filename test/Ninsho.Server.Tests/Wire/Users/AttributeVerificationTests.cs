using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Issue 4 through the <c>aws</c> CLI: UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate (a new
/// email is held until verified, the old one keeps working), and AliasExistsException when a confirmation would
/// give a user an alias another user holds (ForceAliasCreation moves it).
/// </summary>
[Collection(UserLifecycleServer.Name)]
public sealed class AttributeVerificationTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Holds_a_new_email_until_it_is_verified_when_the_pool_requires_verification_before_update()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("hold", ct, "--auto-verified-attributes", "email", "--alias-attributes", "email",
            "--user-attribute-update-settings", "AttributesRequireVerificationBeforeUpdate=email");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "dora", ct, "Name=email,Value=dora@old.example", "Name=email_verified,Value=true");
        var accessToken = (await Cli.SignInAsync(clientId, "dora", ct)).Str("AccessToken");

        var update = (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", accessToken,
            "--user-attributes", "Name=email,Value=dora@new.example", "Name=name,Value=Dora")).Ok();
        var delivery = Assert.Single(update.Items("CodeDeliveryDetailsList"));
        Assert.Equal(("d***@n***", "EMAIL", "email"), (delivery.Str("Destination"), delivery.Str("DeliveryMedium"), delivery.Str("AttributeName")));

        // The old value and its verified state stay (other attributes change at once); the old email still signs in.
        var held = Attributes(await Cli.GetUserAsync(poolId, "dora", ct));
        Assert.Equal(("dora@old.example", "true", "Dora"), (held["email"], held["email_verified"], held["name"]));
        _ = await Cli.SignInAsync(clientId, "dora@old.example", ct);
        var code = (await LastMessageAsync(poolId, "dora@new.example")).Str("Code");

        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", accessToken, "--attribute-name", "email", "--code", Wrong(code)))
            .AssertError("CodeMismatchException", "VerifyUserAttribute", "Invalid verification code provided, please try again.");
        Assert.Equal("dora@old.example", Attributes(await Cli.GetUserAsync(poolId, "dora", ct))["email"]);

        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", accessToken, "--attribute-name", "email", "--code", code)).OkEmpty();
        var verified = Attributes(await Cli.GetUserAsync(poolId, "dora", ct));
        Assert.Equal(("dora@new.example", "true"), (verified["email"], verified["email_verified"]));
        _ = await Cli.SignInAsync(clientId, "dora@new.example", ct);
        (await Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=dora@old.example,PASSWORD={CliSteps.Password}"))
            .AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Admin_update_holds_the_new_email_unless_it_sets_email_verified()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("hold-admin", ct, "--auto-verified-attributes", "email",
            "--user-attribute-update-settings", "AttributesRequireVerificationBeforeUpdate=email");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "emil", ct, "Name=email,Value=emil@old.example", "Name=email_verified,Value=true");

        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "emil",
            "--user-attributes", "Name=email,Value=emil@new.example")).OkEmpty();
        Assert.Equal("emil@old.example", Attributes(await Cli.GetUserAsync(poolId, "emil", ct))["email"]);
        Assert.Matches("^[0-9]{6}$", (await LastMessageAsync(poolId, "emil@new.example")).Str("Code"));

        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "emil",
            "--user-attributes", "Name=email,Value=emil@third.example", "Name=email_verified,Value=true")).OkEmpty();
        var now = Attributes(await Cli.GetUserAsync(poolId, "emil", ct));
        Assert.Equal(("emil@third.example", "true"), (now["email"], now["email_verified"]));
        Assert.Empty((await OutboxAsync(poolId, "emil@third.example")).Items("Messages"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Changes_the_email_at_once_when_the_pool_does_not_require_verification_before_update()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("no-hold", ct, "--auto-verified-attributes", "email");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "fay", ct, "Name=email,Value=fay@old.example", "Name=email_verified,Value=true");
        var accessToken = (await Cli.SignInAsync(clientId, "fay", ct)).Str("AccessToken");

        _ = (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", accessToken,
            "--user-attributes", "Name=email,Value=fay@new.example")).Ok();
        var now = Attributes(await Cli.GetUserAsync(poolId, "fay", ct));
        Assert.Equal(("fay@new.example", "false"), (now["email"], now["email_verified"]));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Confirm_sign_up_refuses_an_alias_another_user_holds_unless_forced()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("alias", ct, "--auto-verified-attributes", "email", "--alias-attributes", "email");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "gus", ct, "Name=email,Value=shared@example.com", "Name=email_verified,Value=true");
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "hal", "--password", CliSteps.Password,
            "--user-attributes", "Name=email,Value=shared@example.com")).Ok();
        var code = (await LastMessageAsync(poolId, "shared@example.com")).Str("Code");

        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "hal", "--confirmation-code", code))
            .AssertError("AliasExistsException", "ConfirmSignUp", "An account with the email already exists.");
        Assert.Equal("UNCONFIRMED", (await Cli.GetUserAsync(poolId, "hal", ct)).Str("UserStatus"));

        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "hal", "--confirmation-code", code,
            "--force-alias-creation")).OkEmpty();
        Assert.Equal("false", Attributes(await Cli.GetUserAsync(poolId, "gus", ct))["email_verified"]);
        Assert.Equal("true", Attributes(await Cli.GetUserAsync(poolId, "hal", ct))["email_verified"]);
        var halToken = (await Cli.SignInAsync(clientId, "shared@example.com", ct)).Str("AccessToken");
        Assert.Equal("hal", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", halToken)).Ok().Str("Username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Verify_user_attribute_refuses_an_alias_another_user_holds()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("alias-verify", ct, "--auto-verified-attributes", "email", "--alias-attributes", "email");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ida", ct, "Name=email,Value=taken@example.com", "Name=email_verified,Value=true");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "jon", ct, "Name=email,Value=jon@example.com", "Name=email_verified,Value=true");
        var accessToken = (await Cli.SignInAsync(clientId, "jon", ct)).Str("AccessToken");

        _ = (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", accessToken,
            "--user-attributes", "Name=email,Value=taken@example.com")).Ok();
        var code = (await LastMessageAsync(poolId, "taken@example.com")).Str("Code");
        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", accessToken, "--attribute-name", "email", "--code", code))
            .AssertError("AliasExistsException", "VerifyUserAttribute", "An account with the email already exists.");
        Assert.Equal("false", Attributes(await Cli.GetUserAsync(poolId, "jon", ct))["email_verified"]);
        Assert.Equal("true", Attributes(await Cli.GetUserAsync(poolId, "ida", ct))["email_verified"]);
    }

    private static Dictionary<string, string> Attributes(JsonElement user) =>
        user.Attributes("UserAttributes").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private async Task<JsonElement> OutboxAsync(string poolId, string recipient)
    {
        var response = await fixture.Raw.GetAsync(
            $"/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient={Uri.EscapeDataString(recipient)}", TestContext.Current.CancellationToken);
        Assert.Equal(200, response.StatusCode);
        return response.Json!.RootElement;
    }

    private async Task<JsonElement> LastMessageAsync(string poolId, string recipient)
    {
        var messages = (await OutboxAsync(poolId, recipient)).Items("Messages");
        Assert.NotEmpty(messages);
        return messages[^1];
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";
}
