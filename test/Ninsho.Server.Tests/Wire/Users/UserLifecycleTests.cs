using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class UserLifecycleServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "User lifecycle (one shared server)";
}

/// <summary>Issue 4 through the real <c>aws</c> CLI: sign-up → confirm → sign-in → forgot → reset → change
/// password, invitations and admin resets, with the codes read from <c>GET /_ninsho/outbox</c>.</summary>
[Collection(UserLifecycleServer.Name)]
public sealed class UserLifecycleTests(NinshoServerFixture fixture)
{
    private const string Password = "Passw0rd!";

    private AwsCli Cli => fixture.Cli;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Runs_sign_up_confirm_sign_in_forgot_reset_and_change_password_reading_codes_from_the_outbox()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);

        var signUp = (await Cli.CognitoIdpAsync(ct,
            "sign-up", "--client-id", clientId, "--username", "alice", "--password", Password,
            "--user-attributes", "Name=email,Value=alice@example.com")).Ok();
        signUp.AssertFalse("UserConfirmed");
        Assert.Matches("^[0-9a-f-]{36}$", signUp.Str("UserSub"));
        var delivery = signUp.Prop("CodeDeliveryDetails");
        Assert.Equal(("a***@e***", "EMAIL", "email"), (delivery.Str("Destination"), delivery.Str("DeliveryMedium"), delivery.Str("AttributeName")));

        var message = await LastMessageAsync(poolId, "alice@example.com");
        Assert.Equal("EMAIL", message.Str("Medium"));
        Assert.Equal("Your verification code", message.Str("Subject"));
        var code = message.Str("Code");
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal($"Your verification code is {code}. ", message.Str("Body"));

        (await SignInAsync(clientId, "alice", Password)).AssertError("UserNotConfirmedException", "InitiateAuth", "User is not confirmed.");
        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "alice", "--confirmation-code", Wrong(code)))
            .AssertError("CodeMismatchException", "ConfirmSignUp", "Invalid verification code provided, please try again.");
        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "alice", "--confirmation-code", code)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "alice", "--confirmation-code", code))
            .AssertError("NotAuthorizedException", "ConfirmSignUp", "User cannot be confirmed. Current status is CONFIRMED");

        var user = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "alice")).Ok();
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
        Assert.Contains(new KeyValuePair<string, string>("email_verified", "true"), user.Attributes("UserAttributes"));
        _ = (await SignInAsync(clientId, "alice", Password)).Ok().Prop("AuthenticationResult").Str("AccessToken");

        var forgot = (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", clientId, "--username", "alice")).Ok();
        Assert.Equal("a***@e***", forgot.Prop("CodeDeliveryDetails").Str("Destination"));
        var resetCode = (await LastMessageAsync(poolId, "alice@example.com")).Str("Code");
        Assert.NotEqual(code, resetCode);
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "alice",
            "--confirmation-code", resetCode, "--password", "short"))
            .AssertError("InvalidPasswordException", "ConfirmForgotPassword", "Password does not conform to policy: Password not long enough");
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "alice",
            "--confirmation-code", resetCode, "--password", "N3w-Passw0rd")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "alice",
            "--confirmation-code", resetCode, "--password", "An0ther-Passw0rd"))
            .AssertError("ExpiredCodeException", "ConfirmForgotPassword", "Invalid code provided, please request a code again.");
        (await SignInAsync(clientId, "alice", Password)).AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");
        var accessToken = (await SignInAsync(clientId, "alice", "N3w-Passw0rd")).Ok().Prop("AuthenticationResult").Str("AccessToken");

        (await Cli.CognitoIdpAsync(ct, "change-password", "--previous-password", "wrong-Passw0rd", "--proposed-password", "Chang3d-Passw0rd", "--access-token", accessToken))
            .AssertError("NotAuthorizedException", "ChangePassword", "Incorrect username or password.");
        (await Cli.CognitoIdpAsync(ct, "change-password", "--previous-password", "N3w-Passw0rd", "--proposed-password", "Chang3d-Passw0rd", "--access-token", accessToken))
            .OkEmpty();
        _ = (await SignInAsync(clientId, "alice", "Chang3d-Passw0rd")).Ok().Prop("AuthenticationResult");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_bad_sign_ups_with_Cognito_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, clientId) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "bob", "--password", "password"))
            .AssertError("InvalidPasswordException", "SignUp", "Password did not conform with policy: Password must have uppercase characters");
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "bob", "--password", Password,
            "--user-attributes", "Name=custom:nope,Value=1"))
            .AssertError("InvalidParameterException", "SignUp", "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.");
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "bob", "--password", Password)).Ok();
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "bob", "--password", Password))
            .AssertError("UsernameExistsException", "SignUp", "User already exists");

        var (adminOnlyPool, adminOnlyClient) = await CreatePoolAsync(extra: ["--admin-create-user-config", "AllowAdminCreateUserOnly=true"]);
        Assert.NotEmpty(adminOnlyPool);
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", adminOnlyClient, "--username", "carol", "--password", Password))
            .AssertError("NotAuthorizedException", "SignUp", "SignUp is not permitted for this user pool");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Requires_the_secret_hash_when_the_client_has_a_secret()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, _) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);
        var client = (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "secret",
            "--generate-secret")).Ok().Prop("UserPoolClient");
        var clientId = client.Str("ClientId");
        var secret = client.Str("ClientSecret");

        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "dave", "--password", Password,
            "--secret-hash", SecretHash(secret, "someone-else", clientId)))
            .AssertError("NotAuthorizedException", "SignUp", $"Unable to verify secret hash for client {clientId}");
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "dave", "--password", Password,
            "--secret-hash", SecretHash(secret, "dave", clientId), "--user-attributes", "Name=email,Value=dave@example.com")).Ok();
        var code = (await LastMessageAsync(poolId, "dave@example.com")).Str("Code");
        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "dave", "--confirmation-code", code,
            "--secret-hash", SecretHash(secret, "dave", clientId))).OkEmpty();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Resend_confirmation_code_replaces_the_old_code()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "erin", "--password", Password,
            "--user-attributes", "Name=email,Value=erin@example.com")).Ok();
        var first = (await LastMessageAsync(poolId, "erin@example.com")).Str("Code");
        var resent = (await Cli.CognitoIdpAsync(ct, "resend-confirmation-code", "--client-id", clientId, "--username", "erin")).Ok();
        Assert.Equal("e***@e***", resent.Prop("CodeDeliveryDetails").Str("Destination"));
        var second = (await LastMessageAsync(poolId, "erin@example.com")).Str("Code");
        if (first != second)
        {
            (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "erin", "--confirmation-code", first))
                .AssertError("CodeMismatchException", "ConfirmSignUp", "Invalid verification code provided, please try again.");
        }

        (await Cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "erin", "--confirmation-code", second)).OkEmpty();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Forgot_password_hides_missing_users_only_when_prevent_user_existence_errors_is_enabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, legacyClient) = await CreatePoolAsync();
        var enabledClient = (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "enabled",
            "--prevent-user-existence-errors", "ENABLED")).Ok().Prop("UserPoolClient").Str("ClientId");

        (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", legacyClient, "--username", "ghost"))
            .AssertError("UserNotFoundException", "ForgotPassword", "Username/client id combination not found.");
        var simulated = (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", enabledClient, "--username", "ghost")).Ok();
        Assert.Equal("EMAIL", simulated.Prop("CodeDeliveryDetails").Str("DeliveryMedium"));
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", enabledClient, "--username", "ghost",
            "--confirmation-code", "123456", "--password", Password))
            .AssertError("CodeMismatchException", "ConfirmForgotPassword", "Invalid verification code provided, please try again.");

        // A user without a verified email or phone can't reset.
        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "frank",
            "--user-attributes", "Name=email,Value=frank@example.com", "--message-action", "SUPPRESS")).Ok();
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", poolId, "--username", "frank", "--password", Password, "--permanent")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", legacyClient, "--username", "frank"))
            .AssertError("InvalidParameterException", "ForgotPassword", "Cannot reset password for the user as there is no registered/verified email or phone_number");
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", legacyClient, "--username", "frank",
            "--confirmation-code", "123456", "--password", Password))
            .AssertError("ExpiredCodeException", "ConfirmForgotPassword", "Invalid code provided, please request a code again.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Admin_create_user_sends_the_invitation_and_resend_sends_a_new_temporary_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync();
        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "gina",
            "--user-attributes", "Name=email,Value=gina@example.com", "Name=phone_number,Value=+15550104114",
            "--desired-delivery-mediums", "EMAIL", "SMS")).Ok();
        var email = await LastMessageAsync(poolId, "gina@example.com");
        Assert.Equal("Your temporary password", email.Str("Subject"));
        var temporary = email.Str("Code");
        Assert.Equal($"Your username is gina and temporary password is {temporary}. ", email.Str("Body"));
        var sms = await LastMessageAsync(poolId, "+15550104114");
        Assert.Equal("SMS", sms.Str("Medium"));
        Assert.Equal(temporary, sms.Str("Code"));

        var challenge = (await SignInAsync(clientId, "gina", temporary)).Ok();
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Str("ChallengeName"));

        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "gina",
            "--message-action", "RESEND", "--desired-delivery-mediums", "EMAIL")).Ok();
        var again = (await LastMessageAsync(poolId, "gina@example.com")).Str("Code");
        Assert.NotEqual(temporary, again);
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await SignInAsync(clientId, "gina", again)).Ok().Str("ChallengeName"));

        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "hank",
            "--user-attributes", "Name=email,Value=hank@example.com", "--message-action", "SUPPRESS")).Ok();
        Assert.Empty((await OutboxAsync(poolId, "hank@example.com")).Items("Messages"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Admin_reset_user_password_sends_a_code_and_sign_in_requires_the_reset()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync();
        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "ivan",
            "--user-attributes", "Name=email,Value=ivan@example.com", "Name=email_verified,Value=true", "--message-action", "SUPPRESS")).Ok();
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", poolId, "--username", "ivan", "--password", Password, "--permanent")).OkEmpty();

        (await Cli.CognitoIdpAsync(ct, "admin-reset-user-password", "--user-pool-id", poolId, "--username", "ivan")).OkEmpty();
        (await SignInAsync(clientId, "ivan", Password))
            .AssertError("PasswordResetRequiredException", "InitiateAuth", "Password reset required for the user");
        var code = (await LastMessageAsync(poolId, "ivan@example.com")).Str("Code");
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "ivan",
            "--confirmation-code", code, "--password", "Res3t-Passw0rd")).OkEmpty();
        _ = (await SignInAsync(clientId, "ivan", "Res3t-Passw0rd")).Ok().Prop("AuthenticationResult");
        Assert.Equal("CONFIRMED", (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "ivan")).Ok().Str("UserStatus"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Users_update_verify_and_delete_their_own_attributes_and_account()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);
        _ = (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "judy",
            "--user-attributes", "Name=email,Value=judy@example.com", "Name=email_verified,Value=true", "Name=name,Value=Judy",
            "--message-action", "SUPPRESS")).Ok();
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", poolId, "--username", "judy", "--password", Password, "--permanent")).OkEmpty();
        var token = (await SignInAsync(clientId, "judy", Password)).Ok().Prop("AuthenticationResult").Str("AccessToken");

        var updated = (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", token,
            "--user-attributes", "Name=email,Value=judy2@example.com")).Ok();
        var delivery = Assert.Single(updated.Items("CodeDeliveryDetailsList"));
        Assert.Equal(("j***@e***", "email"), (delivery.Str("Destination"), delivery.Str("AttributeName")));
        var attributes = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token)).Ok().Attributes("UserAttributes");
        Assert.Contains(new KeyValuePair<string, string>("email", "judy2@example.com"), attributes);
        Assert.Contains(new KeyValuePair<string, string>("email_verified", "false"), attributes);

        var code = (await LastMessageAsync(poolId, "judy2@example.com")).Str("Code");
        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", token, "--attribute-name", "email", "--code", Wrong(code)))
            .AssertError("CodeMismatchException", "VerifyUserAttribute", "Invalid verification code provided, please try again.");
        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", token, "--attribute-name", "email", "--code", code)).OkEmpty();
        Assert.Contains(new KeyValuePair<string, string>("email_verified", "true"),
            (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token)).Ok().Attributes("UserAttributes"));

        var requested = (await Cli.CognitoIdpAsync(ct, "get-user-attribute-verification-code", "--access-token", token, "--attribute-name", "email")).Ok();
        Assert.Equal("EMAIL", requested.Prop("CodeDeliveryDetails").Str("DeliveryMedium"));
        var again = (await LastMessageAsync(poolId, "judy2@example.com")).Str("Code");
        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", token, "--attribute-name", "email", "--code", again)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "verify-user-attribute", "--access-token", token, "--attribute-name", "email", "--code", again))
            .AssertError("ExpiredCodeException", "VerifyUserAttribute", "Invalid code provided, please request a code again.");

        (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", token, "--user-attributes", "Name=custom:nope,Value=1"))
            .AssertError("InvalidParameterException", "UpdateUserAttributes", "user.custom:nope: Attribute does not exist in the schema.\n");
        (await Cli.CognitoIdpAsync(ct, "delete-user-attributes", "--access-token", token, "--user-attribute-names", "name")).OkEmpty();
        Assert.DoesNotContain((await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", token)).Ok().Attributes("UserAttributes"), a => a.Key == "name");

        (await Cli.CognitoIdpAsync(ct, "delete-user", "--access-token", token)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "judy"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Ninsho_outbox_command_prints_the_messages_of_a_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAsync(extra: ["--auto-verified-attributes", "email"]);
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "kate", "--password", Password,
            "--user-attributes", "Name=email,Value=kate@example.com")).Ok();
        var code = (await LastMessageAsync(poolId, "kate@example.com")).Str("Code");

        var result = await ChildProcess.RunAsync(RepoPaths.ServerProgram,
            RepoPaths.ServerArguments(["outbox", "--data-dir", fixture.Server.DataDir, "--pool", poolId, "--recipient", "kate@example.com"]),
            new Dictionary<string, string?>(StringComparer.Ordinal), TimeSpan.FromSeconds(60), workingDirectory: null, ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var message = Assert.Single(System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement.Items("Messages"));
        Assert.Equal((code, "kate", "EMAIL"), (message.Str("Code"), message.Str("Username"), message.Str("Medium")));
    }

    private async Task<(string PoolId, string ClientId)> CreatePoolAsync(string[]? extra = null)
    {
        string[] args = ["create-user-pool", "--pool-name", "lifecycle", .. extra ?? []];
        var poolId = (await Cli.CognitoIdpAsync(Ct, args)).Ok().Prop("UserPool").Str("Id");
        var clientId = (await Cli.CognitoIdpAsync(Ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "app",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");
        return (poolId, clientId);
    }

    private Task<AwsCliResult> SignInAsync(string clientId, string username, string password) =>
        Cli.CognitoIdpAsync(Ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USERNAME"] = username,
                ["PASSWORD"] = password,
            }));

    private async Task<System.Text.Json.JsonElement> OutboxAsync(string poolId, string recipient)
    {
        var response = await fixture.Raw.GetAsync($"/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient={Uri.EscapeDataString(recipient)}", Ct);
        Assert.Equal(200, response.StatusCode);
        return response.Json!.RootElement;
    }

    private async Task<System.Text.Json.JsonElement> LastMessageAsync(string poolId, string recipient)
    {
        var messages = (await OutboxAsync(poolId, recipient)).Items("Messages");
        Assert.NotEmpty(messages);
        var last = messages[^1];
        Assert.Equal(recipient, last.Str("Recipient"));
        Assert.Equal(poolId, last.Str("UserPoolId"));
        return last;
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    private static string SecretHash(string secret, string username, string clientId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username + clientId)));
}
