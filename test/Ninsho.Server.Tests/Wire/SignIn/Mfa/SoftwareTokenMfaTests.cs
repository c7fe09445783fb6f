namespace Ninsho.Server.Tests;

/// <summary>TOTP through the CLI: associate-software-token, verify-software-token, the SOFTWARE_TOKEN_MFA challenge
/// and MFA_SETUP, with codes computed by <see cref="TestTotp"/> (not the server's Otp.NET).</summary>
[Collection(MfaServer.Name)]
public sealed class SoftwareTokenMfaTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Enrols_a_software_token_then_asks_for_its_code_at_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("totp", ct);
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--mfa-configuration", "OPTIONAL", "--software-token-mfa-configuration", "Enabled=true")).Ok();
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "tom", ct);
        var access = (await Cli.SignInAsync(clientId, "tom", ct)).Str("AccessToken");

        var secret = (await Cli.CognitoIdpAsync(ct, "associate-software-token", "--access-token", access)).Ok().Str("SecretCode");
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        (await Cli.CognitoIdpAsync(ct, "verify-software-token", "--access-token", access, "--user-code", Wrong(TestTotp.Now(secret))))
            .AssertError("EnableSoftwareTokenMFAException", "VerifySoftwareToken", "Code mismatch and fail enable Software Token MFA");
        var verified = (await Cli.CognitoIdpAsync(ct, "verify-software-token", "--access-token", access,
            "--user-code", TestTotp.Now(secret), "--friendly-device-name", "phone")).Ok();
        Assert.Equal("SUCCESS", verified.Str("Status"));
        verified.AssertMissing("Session");

        (await Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "tom",
            "--software-token-mfa-settings", "Enabled=true,PreferredMfa=true")).OkEmpty();
        var user = await Cli.GetUserAsync(poolId, "tom", ct);
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], user.Items("UserMFASettingList").Select(e => e.GetString()!).ToArray());
        Assert.Equal("SOFTWARE_TOKEN_MFA", user.Str("PreferredMfaSetting"));

        var challenge = (await Cli.PasswordAuthAsync(clientId, "tom", ct)).Ok();
        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Str("ChallengeName"));
        challenge.AssertMissing("AuthenticationResult");
        var session = challenge.Str("Session");

        // CodeMismatchException's wording is observed for SMS_MFA (amplify-js#3066); assumed the same for TOTP.
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", session, ct, ("USERNAME", "tom"), ("SOFTWARE_TOKEN_MFA_CODE", "000000")))
            .AssertError("CodeMismatchException", "RespondToAuthChallenge", "Invalid code or auth state for the user.");
        var next = TestTotp.Next(secret);
        var tokens = (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", session, ct, ("USERNAME", "tom"), ("SOFTWARE_TOKEN_MFA_CODE", next)))
            .Ok().Prop("AuthenticationResult");
        Assert.Equal("tom", Jwt.Payload(tokens.Str("AccessToken")).Str("username"));

        // The answered session is spent, and the same code can't be used again within its window.
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", session, ct, ("USERNAME", "tom"), ("SOFTWARE_TOKEN_MFA_CODE", next)))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user.");
        var again = (await Cli.PasswordAuthAsync(clientId, "tom", ct)).Ok().Str("Session");
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", again, ct, ("USERNAME", "tom"), ("SOFTWARE_TOKEN_MFA_CODE", next)))
            .AssertError("ExpiredCodeException", "RespondToAuthChallenge", "Your software token has already been used once.");
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", "not-a-session-at-all-xxxxxxxx", ct, ("USERNAME", "tom"), ("SOFTWARE_TOKEN_MFA_CODE", next)))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user, session is expired.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sets_up_a_software_token_during_sign_in_when_MFA_is_required()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("totp-setup", ct);
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--mfa-configuration", "ON", "--software-token-mfa-configuration", "Enabled=true")).Ok();
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "uma", ct);

        var setup = (await Cli.PasswordAuthAsync(clientId, "uma", ct)).Ok();
        Assert.Equal("MFA_SETUP", setup.Str("ChallengeName"));
        Assert.Equal("""["SOFTWARE_TOKEN_MFA"]""", setup.Prop("ChallengeParameters").Str("MFAS_CAN_SETUP"));

        // Answering MFA_SETUP before a token is verified does not sign in (guessed error: SoftwareTokenMFANotFoundException).
        (await Cli.RespondAsync(clientId, "MFA_SETUP", setup.Str("Session"), ct, ("USERNAME", "uma")))
            .AssertError("SoftwareTokenMFANotFoundException", "RespondToAuthChallenge", "Software Token MFA does not exist for the user.");

        var associated = (await Cli.CognitoIdpAsync(ct, "associate-software-token", "--session", setup.Str("Session"))).Ok();
        var secret = associated.Str("SecretCode");
        var verified = (await Cli.CognitoIdpAsync(ct, "verify-software-token", "--session", associated.Str("Session"),
            "--user-code", TestTotp.Now(secret))).Ok();
        Assert.Equal("SUCCESS", verified.Str("Status"));

        var tokens = (await Cli.RespondAsync(clientId, "MFA_SETUP", verified.Str("Session"), ct, ("USERNAME", "uma"))).Ok();
        Assert.Equal("uma", Jwt.Payload(tokens.Prop("AuthenticationResult").Str("AccessToken")).Str("username"));

        // From now on the user signs in with the token.
        var challenge = (await Cli.PasswordAuthAsync(clientId, "uma", ct)).Ok();
        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Str("ChallengeName"));
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", challenge.Str("Session"), ct,
            ("USERNAME", "uma"), ("SOFTWARE_TOKEN_MFA_CODE", TestTotp.Next(secret)))).Ok().Prop("AuthenticationResult");
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";
}
