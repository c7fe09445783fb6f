namespace Ninsho.Server.Tests;

/// <summary>SMS_MFA, EMAIL_OTP and SELECT_MFA_TYPE through the CLI with the codes read from the outbox, the
/// preference operations and the legacy MFAOptions of set-user-settings / admin-set-user-settings.</summary>
[Collection(MfaServer.Name)]
public sealed class SmsAndEmailMfaTests(NinshoServerFixture fixture)
{
    private const string Phone = "+81901234567";
    private const string Email = "vic@example.com";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sends_SMS_and_email_codes_and_lets_the_user_choose_when_none_is_preferred()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PoolAsync("sms-email", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "vic", ct, $"Name=phone_number,Value={Phone}", $"Name=email,Value={Email}");
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "vic",
            "--sms-mfa-settings", "Enabled=true", "--email-mfa-settings", "Enabled=true")).OkEmpty();
        var user = await Cli.GetUserAsync(poolId, "vic", ct);
        Assert.Equal(["SMS_MFA", "EMAIL_OTP"], user.Items("UserMFASettingList").Select(e => e.GetString()!).ToArray());
        user.AssertMissing("PreferredMfaSetting");

        var select = (await Cli.PasswordAuthAsync(clientId, "vic", ct)).Ok();
        Assert.Equal("SELECT_MFA_TYPE", select.Str("ChallengeName"));
        Assert.Equal("""["SMS_MFA","EMAIL_OTP"]""", select.Prop("ChallengeParameters").Str("MFAS_CAN_CHOOSE"));

        var sms = (await Cli.RespondAsync(clientId, "SELECT_MFA_TYPE", select.Str("Session"), ct, ("USERNAME", "vic"), ("ANSWER", "SMS_MFA"))).Ok();
        Assert.Equal("SMS_MFA", sms.Str("ChallengeName"));
        Assert.Equal("SMS", sms.Prop("ChallengeParameters").Str("CODE_DELIVERY_DELIVERY_MEDIUM"));
        Assert.Equal("+*******4567", sms.Prop("ChallengeParameters").Str("CODE_DELIVERY_DESTINATION"));
        var (code, medium, body) = await MfaSteps.LastCodeAsync(fixture.Raw, poolId, Phone, ct);
        Assert.Equal("SMS", medium);
        Assert.Equal($"Your code is {code}", body);
        (await Cli.RespondAsync(clientId, "SMS_MFA", sms.Str("Session"), ct, ("USERNAME", "vic"), ("SMS_MFA_CODE", Wrong(code))))
            .AssertError("CodeMismatchException", "RespondToAuthChallenge", "Invalid code or auth state for the user.");
        (await Cli.RespondAsync(clientId, "SMS_MFA", sms.Str("Session"), ct, ("USERNAME", "vic"), ("SMS_MFA_CODE", code)))
            .Ok().Prop("AuthenticationResult");

        // Preferring email sends the code there directly.
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "vic",
            "--email-mfa-settings", "Enabled=true,PreferredMfa=true")).OkEmpty();
        var email = (await Cli.PasswordAuthAsync(clientId, "vic", ct)).Ok();
        Assert.Equal("EMAIL_OTP", email.Str("ChallengeName"));
        Assert.Equal("v***@e***", email.Prop("ChallengeParameters").Str("CODE_DELIVERY_DESTINATION"));
        var (emailCode, emailMedium, _) = await MfaSteps.LastCodeAsync(fixture.Raw, poolId, Email, ct);
        Assert.Equal("EMAIL", emailMedium);
        var tokens = (await Cli.RespondAsync(clientId, "EMAIL_OTP", email.Str("Session"), ct, ("USERNAME", "vic"), ("EMAIL_OTP_CODE", emailCode)))
            .Ok().Prop("AuthenticationResult");

        // The user's own view, by access token.
        var self = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok();
        Assert.Equal("EMAIL_OTP", self.Str("PreferredMfaSetting"));
        (await Cli.CognitoIdpAsync(ct, "set-user-mfa-preference", "--access-token", tokens.Str("AccessToken"),
            "--email-mfa-settings", "Enabled=false,PreferredMfa=false", "--sms-mfa-settings", "Enabled=false")).OkEmpty();
        var after = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok();
        after.AssertMissing("UserMFASettingList");
        after.AssertMissing("PreferredMfaSetting");
        _ = (await Cli.PasswordAuthAsync(clientId, "vic", ct)).Ok().Prop("AuthenticationResult");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_factors_the_user_cannot_receive_and_expired_or_spent_sessions()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PoolAsync("sms-refused", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "wes", ct);
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "wes",
            "--sms-mfa-settings", "Enabled=true"))
            .AssertError("InvalidParameterException", "AdminSetUserMFAPreference", "User does not have delivery config set to turn on SMS_MFA");
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "wes",
            "--software-token-mfa-settings", "Enabled=true"))
            .AssertError("InvalidParameterException", "AdminSetUserMFAPreference", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA");

        // Legacy MFAOptions turn SMS MFA on for a user with a phone number.
        _ = await Cli.CreateConfirmedUserAsync(poolId, "xia", ct, $"Name=phone_number,Value={Phone}");
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-settings", "--user-pool-id", poolId, "--username", "xia",
            "--mfa-options", "DeliveryMedium=SMS,AttributeName=phone_number")).OkEmpty();
        var xia = await Cli.GetUserAsync(poolId, "xia", ct);
        Assert.Equal("SMS", xia.Items("MFAOptions")[0].Str("DeliveryMedium"));
        Assert.Equal(["SMS_MFA"], xia.Items("UserMFASettingList").Select(e => e.GetString()!).ToArray());

        var sms = (await Cli.PasswordAuthAsync(clientId, "xia", ct)).Ok();
        Assert.Equal("SMS_MFA", sms.Str("ChallengeName"));
        var (code, _, _) = await MfaSteps.LastCodeAsync(fixture.Raw, poolId, Phone, ct);
        var tokens = (await Cli.RespondAsync(clientId, "SMS_MFA", sms.Str("Session"), ct, ("USERNAME", "xia"), ("SMS_MFA_CODE", code)))
            .Ok().Prop("AuthenticationResult");
        (await Cli.RespondAsync(clientId, "SMS_MFA", sms.Str("Session"), ct, ("USERNAME", "xia"), ("SMS_MFA_CODE", code)))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user.");
        // A session for one challenge does not answer another.
        (await Cli.RespondAsync(clientId, "SOFTWARE_TOKEN_MFA", sms.Str("Session"), ct, ("USERNAME", "xia"), ("SOFTWARE_TOKEN_MFA_CODE", code)))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user, session is expired.");

        // set-user-settings with no options turns legacy SMS MFA off again.
        (await Cli.CognitoIdpAsync(ct, "set-user-settings", "--access-token", tokens.Str("AccessToken"), "--mfa-options", "[]")).OkEmpty();
        (await Cli.GetUserAsync(poolId, "xia", ct)).AssertMissing("MFAOptions");
        _ = (await Cli.PasswordAuthAsync(clientId, "xia", ct)).Ok().Prop("AuthenticationResult");
    }

    private async Task<(string PoolId, string ClientId)> PoolAsync(string name, CancellationToken ct)
    {
        var poolId = await Cli.CreatePoolAsync(name, ct);
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId, "--mfa-configuration", "OPTIONAL",
            "--sms-mfa-configuration", """{"SmsAuthenticationMessage":"Your code is {####}","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns"}}""",
            "--email-mfa-configuration", """{"Message":"Email code {####}","Subject":"Sign-in code"}""")).Ok();
        return (poolId, await Cli.CreatePasswordClientAsync(poolId, ct));
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";
}
