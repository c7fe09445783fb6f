using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class AdminUserServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Admin user operations through the CLI (one shared server)";
}

/// <summary>
/// The Admin* user operations through the real AWS CLI: create (policy, generated password, email usernames,
/// duplicates), get, delete, set password, enable/disable, update/delete attributes, confirm, reset, global sign-out
/// (docs/cognito-behaviour.md#user-status, #error-messages).
/// </summary>
[Collection(AdminUserServer.Name)]
public sealed partial class AdminUserTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_temporary_password_the_policy_refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("temporary-passwords", ct);

        // The reason for the first rule that fails, in the order length, upper, lower, numbers, symbols (docs/cognito-behaviour.md#password-policy).
        (string Password, string Reason)[] cases =
        [
            ("Sh0rt#", "Password not long enough"),
            ("nouppercase1#", "Password must have uppercase characters"),
            ("NOLOWERCASE1#", "Password must have lowercase characters"),
            ("NoNumbers#Here", "Password must have numeric characters"),
            ("NoSymbols1Here", "Password must have symbol characters"),
        ];
        foreach (var (password, reason) in cases)
        {
            (await Cli.CognitoIdpAsync(ct,
                "admin-create-user", "--user-pool-id", poolId, "--username", "weak", "--temporary-password", password))
                .AssertError("InvalidPasswordException", "AdminCreateUser", "Password does not conform to policy: " + reason);
        }

        (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "weak"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_generate_a_temporary_password_when_none_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("generated-passwords", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);

        var user = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", "generated", "--message-action", "SUPPRESS"))
            .Ok().Prop("User");
        Assert.Equal("FORCE_CHANGE_PASSWORD", user.Str("UserStatus"));

        // The user has a password (just not one the caller knows): a guess is a wrong password, not a missing one.
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=generated,PASSWORD={CliSteps.Password}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");

        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "generated",
            "--password", CliSteps.Password, "--permanent")).OkEmpty();
        Assert.Equal("CONFIRMED", (await Cli.GetUserAsync(poolId, "generated", ct)).Str("UserStatus"));
        _ = await Cli.SignInAsync(clientId, "generated", ct);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_give_a_uuid_username_equal_to_sub_when_email_is_the_username()
    {
        var ct = TestContext.Current.CancellationToken;
        const string email = "alice@example.com";
        var poolId = await Cli.CreatePoolAsync("email-usernames", ct, "--username-attributes", "email");

        var user = await Cli.CreateUserAsync(poolId, email, ct);

        var attributes = user.Attributes("Attributes");
        Assert.Equal("sub", attributes[0].Key);
        var sub = attributes[0].Value;
        Assert.Matches(UuidRegex(), sub);
        Assert.Equal(sub, user.Str("Username"));
        Assert.Contains(KeyValuePair.Create("email", email), attributes);

        // The user answers to the e-mail address and to the UUID.
        Assert.Equal(sub, (await Cli.GetUserAsync(poolId, email, ct)).Str("Username"));
        Assert.Equal(sub, (await Cli.GetUserAsync(poolId, sub, ct)).Str("Username"));

        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "alice"))
            .AssertError("InvalidParameterException", "AdminCreateUser", "Username should be an email.");
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", email))
            .AssertError("UsernameExistsException", "AdminCreateUser", "An account with the given email already exists.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_duplicate_username_with_UsernameExistsException()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("duplicates", ct);
        _ = await Cli.CreateUserAsync(poolId, "taken", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "taken"))
            .AssertError("UsernameExistsException", "AdminCreateUser", "User account already exists");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_list_sub_first_when_user_has_attributes()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("attribute-order", ct);

        var created = await Cli.CreateUserAsync(poolId, "ordered", ct,
            "Name=name,Value=Ordered User", "Name=email,Value=ordered@example.com", "Name=given_name,Value=Ordered");

        var got = await Cli.GetUserAsync(poolId, "ordered", ct);
        var listed = Assert.Single((await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId)).Ok().Items("Users"));
        foreach (var attributes in new[] { created.Attributes("Attributes"), got.Attributes("UserAttributes"), listed.Attributes("Attributes") })
        {
            Assert.Equal("sub", attributes[0].Key);
            Assert.Equal(
                ["email=ordered@example.com", "given_name=Ordered", "name=Ordered User"],
                attributes.Skip(1).Select(a => $"{a.Key}={a.Value}").Order(StringComparer.Ordinal));
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_UserNotFoundException_when_user_is_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("nobody-here", ct);

        (string Operation, string[] Args)[] calls =
        [
            ("AdminGetUser", ["admin-get-user"]),
            ("AdminDeleteUser", ["admin-delete-user"]),
            ("AdminSetUserPassword", ["admin-set-user-password", "--password", CliSteps.Password, "--permanent"]),
            ("AdminDisableUser", ["admin-disable-user"]),
            ("AdminUpdateUserAttributes", ["admin-update-user-attributes", "--user-attributes", "Name=name,Value=x"]),
        ];
        foreach (var (operation, args) in calls)
        {
            (await Cli.CognitoIdpAsync(ct, [.. args, "--user-pool-id", poolId, "--username", "nobody"]))
                .AssertError("UserNotFoundException", operation, "User does not exist.");
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_find_the_user_by_email_and_check_the_pool_first_in_admin_operations()
    {
        var ct = TestContext.Current.CancellationToken;
        const string email = "carol@example.com";
        var poolId = await Cli.CreatePoolAsync("admin-by-email", ct, "--username-attributes", "email");
        var sub = (await Cli.CreateUserAsync(poolId, email, ct)).Str("Username");

        // Each operation names the user by email; the change shows in AdminGetUser by sub.
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", poolId, "--username", email,
            "--password", CliSteps.Password, "--permanent")).OkEmpty();
        Assert.Equal("CONFIRMED", (await Cli.GetUserAsync(poolId, sub, ct)).Str("UserStatus"));
        (await Cli.CognitoIdpAsync(ct, "admin-disable-user", "--user-pool-id", poolId, "--username", email)).OkEmpty();
        (await Cli.GetUserAsync(poolId, sub, ct)).AssertFalse("Enabled");
        (await Cli.CognitoIdpAsync(ct, "admin-enable-user", "--user-pool-id", poolId, "--username", email)).OkEmpty();
        (await Cli.GetUserAsync(poolId, sub, ct)).AssertTrue("Enabled");
        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", email,
            "--user-attributes", "Name=name,Value=Carol")).OkEmpty();
        Assert.Contains(KeyValuePair.Create("name", "Carol"), (await Cli.GetUserAsync(poolId, sub, ct)).Attributes("UserAttributes"));
        (await Cli.CognitoIdpAsync(ct, "admin-delete-user-attributes", "--user-pool-id", poolId, "--username", email,
            "--user-attribute-names", "name")).OkEmpty();
        Assert.DoesNotContain("name", (await Cli.GetUserAsync(poolId, sub, ct)).Attributes("UserAttributes").Select(a => a.Key));
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", poolId, "--username", email))
            .Ok().Items("Groups"));

        // A pool that does not exist is reported before the user is looked for.
        var missingPool = poolId[..(poolId.IndexOf('_') + 1)] + "NoSuchPool";
        foreach (var (operation, args) in new (string, string[])[]
        {
            ("AdminGetUser", ["admin-get-user"]),
            ("AdminSetUserPassword", ["admin-set-user-password", "--password", CliSteps.Password, "--permanent"]),
            ("AdminDisableUser", ["admin-disable-user"]),
            ("AdminUserGlobalSignOut", ["admin-user-global-sign-out"]),
        })
        {
            (await Cli.CognitoIdpAsync(ct, [.. args, "--user-pool-id", missingPool, "--username", email]))
                .AssertError("ResourceNotFoundException", operation, $"User pool {missingPool} does not exist.");
        }

        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", poolId, "--username", email)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", sub))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_forget_the_user_when_admin_deletes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("deleted-users", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "gone", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "stays", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", poolId, "--username", "gone")).OkEmpty();

        (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "gone"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
        Assert.Equal(["stays"], await Cli.ListUsernamesAsync(poolId, ct));
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=gone,PASSWORD={CliSteps.Password}"))
            .AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_set_the_status_by_the_permanent_flag_when_admin_sets_a_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("set-passwords", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateUserAsync(poolId, "carol", ct);

        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "carol", "--password", CliSteps.Password, "--permanent"))
            .OkEmpty();
        Assert.Equal("CONFIRMED", (await Cli.GetUserAsync(poolId, "carol", ct)).Str("UserStatus"));
        _ = await Cli.SignInAsync(clientId, "carol", ct);

        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "carol", "--password", "Temp#Pass456", "--no-permanent"))
            .OkEmpty();
        Assert.Equal("FORCE_CHANGE_PASSWORD", (await Cli.GetUserAsync(poolId, "carol", ct)).Str("UserStatus"));
        var challenge = (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=carol,PASSWORD=Temp#Pass456")).Ok();
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Str("ChallengeName"));

        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "carol", "--password", "NoSymbols1234", "--permanent"))
            .AssertError("InvalidPasswordException", "AdminSetUserPassword", "Password does not conform to policy: Password must have symbol characters");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_sign_in_and_existing_tokens_when_user_is_disabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("disabled-users", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "dave", ct);
        var tokens = await Cli.SignInAsync(clientId, "dave", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-disable-user", "--user-pool-id", poolId, "--username", "dave")).OkEmpty();

        (await Cli.GetUserAsync(poolId, "dave", ct)).AssertFalse("Enabled");
        Assert.Equal(["dave"], await Cli.ListUsernamesAsync(poolId, ct, "--filter", "status = \"Disabled\""));
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=dave,PASSWORD={CliSteps.Password}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "User is disabled.");

        // Disabling "revokes all access tokens" (docs/cognito-behaviour.md#user-status) and the refresh tokens with them. The exact wording for a
        // disabled user's old token is not known; Ninsho answers as for any revoked token.
        (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken")))
            .AssertError("NotAuthorizedException", "GetUser", "Access Token has been revoked");
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}"))
            .AssertErrorStartsWith("NotAuthorizedException", "InitiateAuth", "");

        (await Cli.CognitoIdpAsync(ct, "admin-enable-user", "--user-pool-id", poolId, "--username", "dave")).OkEmpty();
        (await Cli.GetUserAsync(poolId, "dave", ct)).AssertTrue("Enabled");
        var again = await Cli.SignInAsync(clientId, "dave", ct);
        Assert.Equal("dave", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", again.Str("AccessToken"))).Ok().Str("Username"));

        // Enabling again does not bring the tokens from before back; the new ones refresh.
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has been revoked");
        _ = (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={again.Str("RefreshToken")}")).Ok();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_mark_the_email_unverified_when_admin_changes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("attribute-updates", ct,
            "--schema", """[{"Name":"tenant","AttributeDataType":"String","Mutable":true}]""");
        _ = await Cli.CreateUserAsync(poolId, "erin", ct, "Name=email,Value=erin@example.com", "Name=email_verified,Value=true");

        (await Cli.CognitoIdpAsync(ct,
            "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "erin",
            "--user-attributes", "Name=email,Value=erin@example.org", "Name=custom:tenant,Value=acme", "Name=name,Value=Erin"))
            .OkEmpty();

        var attributes = (await Cli.GetUserAsync(poolId, "erin", ct)).Attributes("UserAttributes");
        Assert.Contains(KeyValuePair.Create("email", "erin@example.org"), attributes);
        Assert.Contains(KeyValuePair.Create("email_verified", "false"), attributes);
        Assert.Contains(KeyValuePair.Create("custom:tenant", "acme"), attributes);
        Assert.Contains(KeyValuePair.Create("name", "Erin"), attributes);

        // An admin may set the new address as verified in the same call.
        (await Cli.CognitoIdpAsync(ct,
            "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "erin",
            "--user-attributes", "Name=email,Value=erin@example.net", "Name=email_verified,Value=true"))
            .OkEmpty();
        attributes = (await Cli.GetUserAsync(poolId, "erin", ct)).Attributes("UserAttributes");
        Assert.Contains(KeyValuePair.Create("email", "erin@example.net"), attributes);
        Assert.Contains(KeyValuePair.Create("email_verified", "true"), attributes);

        // Unknown attributes and sub are refused and nothing changes; an update path names each refused attribute
        // as "user.<name>: " (docs/compatibility-schema.md).
        foreach (var refused in new[] { "shoe_size", "custom:nope", "sub" })
        {
            var result = await Cli.CognitoIdpAsync(ct,
                "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "erin",
                "--user-attributes", "Name=name,Value=Changed", $"Name={refused},Value=1");
            result.AssertErrorStartsWith(
                "InvalidParameterException", "AdminUpdateUserAttributes", $"user.{refused}: ");
        }

        Assert.Contains(KeyValuePair.Create("name", "Erin"), (await Cli.GetUserAsync(poolId, "erin", ct)).Attributes("UserAttributes"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_remove_attributes_when_admin_deletes_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("attribute-deletes", ct);
        var created = await Cli.CreateUserAsync(poolId, "frank", ct,
            "Name=email,Value=frank@example.com", "Name=email_verified,Value=true", "Name=name,Value=Frank", "Name=nickname,Value=F");

        (await Cli.CognitoIdpAsync(ct,
            "admin-delete-user-attributes", "--user-pool-id", poolId, "--username", "frank",
            "--user-attribute-names", "nickname", "email")).OkEmpty();

        // The email goes with its verified flag; sub and the rest stay.
        var attributes = (await Cli.GetUserAsync(poolId, "frank", ct)).Attributes("UserAttributes");
        Assert.Equal(
            [$"sub={created.Attributes("Attributes")[0].Value}", "name=Frank"],
            attributes.Select(a => $"{a.Key}={a.Value}"));

        (await Cli.CognitoIdpAsync(ct,
            "admin-delete-user-attributes", "--user-pool-id", poolId, "--username", "frank", "--user-attribute-names", "sub"))
            .AssertErrorStartsWith("InvalidParameterException", "AdminDeleteUserAttributes", "Attributes did not conform to the schema: sub: ");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_to_confirm_a_user_who_is_already_confirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("confirmations", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "grace", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-confirm-sign-up", "--user-pool-id", poolId, "--username", "grace"))
            .AssertError("NotAuthorizedException", "AdminConfirmSignUp", "User cannot be confirmed. Current status is CONFIRMED");
        Assert.Equal("CONFIRMED", (await Cli.GetUserAsync(poolId, "grace", ct)).Str("UserStatus"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_require_a_password_reset_when_admin_resets_the_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("password-resets", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "heidi", ct);
        _ = await Cli.CreateUserAsync(poolId, "ivan", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-reset-user-password", "--user-pool-id", poolId, "--username", "heidi")).OkEmpty();

        Assert.Equal("RESET_REQUIRED", (await Cli.GetUserAsync(poolId, "heidi", ct)).Str("UserStatus"));
        // The message is an unconfirmed wording (docs/cognito-behaviour.md#user-status).
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=heidi,PASSWORD={CliSteps.Password}"))
            .AssertError("PasswordResetRequiredException", "InitiateAuth", "Password reset required for the user");

        // A user still on a temporary password can't be reset (docs/cognito-behaviour.md#error-messages).
        (await Cli.CognitoIdpAsync(ct, "admin-reset-user-password", "--user-pool-id", poolId, "--username", "ivan"))
            .AssertError("NotAuthorizedException", "AdminResetUserPassword", "User password cannot be reset in the current state.");
        Assert.Equal("FORCE_CHANGE_PASSWORD", (await Cli.GetUserAsync(poolId, "ivan", ct)).Str("UserStatus"));

        // An admin can end the reset by setting a password.
        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "heidi", "--password", "Reset#Pass789", "--permanent"))
            .OkEmpty();
        _ = await Cli.SignInAsync(clientId, "heidi", ct, "Reset#Pass789");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_earlier_tokens_when_admin_signs_the_user_out_globally()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("admin-sign-outs", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "judy", ct);
        var tokens = await Cli.SignInAsync(clientId, "judy", ct);

        (await Cli.CognitoIdpAsync(ct, "admin-user-global-sign-out", "--user-pool-id", poolId, "--username", "judy")).OkEmpty();

        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has been revoked");
        (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken")))
            .AssertError("NotAuthorizedException", "GetUser", "Access Token has been revoked");

        // Signing in again works.
        var again = await Cli.SignInAsync(clientId, "judy", ct);
        Assert.Equal("judy", (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", again.Str("AccessToken"))).Ok().Str("Username"));
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidRegex();
}
