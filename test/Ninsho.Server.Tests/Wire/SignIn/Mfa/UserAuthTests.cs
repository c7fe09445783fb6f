namespace Ninsho.Server.Tests;

/// <summary>USER_AUTH choice-based sign-in through the CLI: SELECT_CHALLENGE with AvailableChallenges,
/// PREFERRED_CHALLENGE, EMAIL_OTP and SMS_OTP as first factors, PASSWORD, and get-user-auth-factors.
/// PASSWORD_SRP is not offered on this branch (USER_SRP_AUTH is built separately).</summary>
[Collection(MfaServer.Name)]
public sealed class UserAuthTests(NinshoServerFixture fixture)
{
    private const string Email = "yan@example.com";
    private const string Phone = "+819011112222";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Offers_the_allowed_first_factors_and_signs_in_with_each()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("user-auth", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","EMAIL_OTP","SMS_OTP"]}}""");
        var clientId = (await Cli.CreateClientAsync(poolId, "choice", ct,
            "--explicit-auth-flows", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "yan", ct,
            $"Name=email,Value={Email}", "Name=email_verified,Value=true", $"Name=phone_number,Value={Phone}", "Name=phone_number_verified,Value=true");

        var select = (await UserAuthAsync(clientId, "USERNAME=yan", ct)).Ok();
        Assert.Equal("SELECT_CHALLENGE", select.Str("ChallengeName"));
        Assert.Equal(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"], select.Items("AvailableChallenges").Select(e => e.GetString()!).ToArray());

        var emailOtp = (await Cli.RespondAsync(clientId, "SELECT_CHALLENGE", select.Str("Session"), ct, ("USERNAME", "yan"), ("ANSWER", "EMAIL_OTP"))).Ok();
        Assert.Equal("EMAIL_OTP", emailOtp.Str("ChallengeName"));
        Assert.Equal("EMAIL", emailOtp.Prop("ChallengeParameters").Str("CODE_DELIVERY_DELIVERY_MEDIUM"));
        var (code, _, _) = await MfaSteps.LastCodeAsync(fixture.Raw, poolId, Email, ct);
        (await Cli.RespondAsync(clientId, "EMAIL_OTP", emailOtp.Str("Session"), ct, ("USERNAME", "yan"), ("EMAIL_OTP_CODE", Wrong(code))))
            .AssertError("CodeMismatchException", "RespondToAuthChallenge", "Invalid code or auth state for the user.");
        var tokens = (await Cli.RespondAsync(clientId, "EMAIL_OTP", emailOtp.Str("Session"), ct, ("USERNAME", "yan"), ("EMAIL_OTP_CODE", code)))
            .Ok().Prop("AuthenticationResult");

        // PASSWORD_SRP continues as USER_SRP_AUTH: the SRP_A given with it gets the PASSWORD_VERIFIER challenge.
        var srp = (await UserAuthAsync(clientId, "USERNAME=yan,PREFERRED_CHALLENGE=PASSWORD_SRP,SRP_A=2", ct)).Ok();
        Assert.Equal("PASSWORD_VERIFIER", srp.Str("ChallengeName"));
        Assert.False(string.IsNullOrEmpty(srp.Prop("ChallengeParameters").Str("SRP_B")));

        // PREFERRED_CHALLENGE skips the selection.
        var sms = (await UserAuthAsync(clientId, "USERNAME=yan,PREFERRED_CHALLENGE=SMS_OTP", ct)).Ok();
        Assert.Equal("SMS_OTP", sms.Str("ChallengeName"));
        var (smsCode, medium, _) = await MfaSteps.LastCodeAsync(fixture.Raw, poolId, Phone, ct);
        Assert.Equal("SMS", medium);
        _ = (await Cli.RespondAsync(clientId, "SMS_OTP", sms.Str("Session"), ct, ("USERNAME", "yan"), ("SMS_OTP_CODE", smsCode)))
            .Ok().Prop("AuthenticationResult");
        _ = (await UserAuthAsync(clientId, $"USERNAME=yan,PREFERRED_CHALLENGE=PASSWORD,PASSWORD={CliSteps.Password}", ct))
            .Ok().Prop("AuthenticationResult");

        // PASSWORD chosen in SELECT_CHALLENGE, with a wrong and then the right password.
        var again = (await UserAuthAsync(clientId, "USERNAME=yan", ct)).Ok().Str("Session");
        (await Cli.RespondAsync(clientId, "SELECT_CHALLENGE", again, ct, ("USERNAME", "yan"), ("ANSWER", "PASSWORD"), ("PASSWORD", "Wrong#Pass123")))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Incorrect username or password.");
        _ = (await Cli.RespondAsync(clientId, "SELECT_CHALLENGE", again, ct, ("USERNAME", "yan"), ("ANSWER", "PASSWORD"), ("PASSWORD", CliSteps.Password)))
            .Ok().Prop("AuthenticationResult");

        var factors = (await Cli.CognitoIdpAsync(ct, "get-user-auth-factors", "--access-token", tokens.Str("AccessToken"))).Ok();
        Assert.Equal("yan", factors.Str("Username"));
        Assert.Equal(["PASSWORD", "EMAIL_OTP", "SMS_OTP"], factors.Items("ConfiguredUserAuthFactors").Select(e => e.GetString()!).ToArray());
        Assert.Empty(factors.Items("UserMFASettingList"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Needs_ALLOW_USER_AUTH_and_offers_only_what_the_pool_allows()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("user-auth-limits", ct);
        var passwordOnly = await Cli.CreatePasswordClientAsync(poolId, ct);
        var choice = (await Cli.CreateClientAsync(poolId, "choice", ct, "--explicit-auth-flows", "ALLOW_USER_AUTH")).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "zed", ct, "Name=email,Value=zed@example.com", "Name=email_verified,Value=true");

        // Guessed wording, after USER_PASSWORD_AUTH's.
        (await UserAuthAsync(passwordOnly, "USERNAME=zed", ct))
            .AssertError("InvalidParameterException", "InitiateAuth", "USER_AUTH flow not enabled for this client");
        // The default SignInPolicy allows PASSWORD only, so EMAIL_OTP is not offered even to a verified email.
        var select = (await UserAuthAsync(choice, "USERNAME=zed,PREFERRED_CHALLENGE=EMAIL_OTP", ct)).Ok();
        Assert.Equal("SELECT_CHALLENGE", select.Str("ChallengeName"));
        Assert.Equal(["PASSWORD", "PASSWORD_SRP"], select.Items("AvailableChallenges").Select(e => e.GetString()!).ToArray());
        (await UserAuthAsync(choice, "USERNAME=nobody", ct))
            .AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");
    }

    private Task<AwsCliResult> UserAuthAsync(string clientId, string parameters, CancellationToken ct) =>
        Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_AUTH", "--auth-parameters", parameters);

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";
}
