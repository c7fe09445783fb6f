namespace Ninsho.Server.Tests;

/// <summary>set-user-pool-mfa-config and get-user-pool-mfa-config through the CLI: what is stored and returned,
/// Cognito's validation, and the mode as describe-user-pool and update-user-pool see it.</summary>
[Collection(MfaServer.Name)]
public sealed class UserPoolMfaConfigTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Stores_and_returns_every_factor_and_shows_the_mode_in_describe_user_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("mfa-config", ct);

        var initial = (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok();
        Assert.Equal("OFF", initial.Str("MfaConfiguration"));
        initial.Prop("SoftwareTokenMfaConfiguration").AssertFalse("Enabled");
        initial.AssertMissing("SmsMfaConfiguration");

        var set = (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--mfa-configuration", "OPTIONAL",
            "--software-token-mfa-configuration", "Enabled=true",
            "--sms-mfa-configuration", """{"SmsAuthenticationMessage":"Code {####}","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns","ExternalId":"x"}}""",
            "--email-mfa-configuration", """{"Message":"Mail {####}","Subject":"Your code"}""",
            "--web-authn-configuration", "RelyingPartyId=example.com,UserVerification=required")).Ok();
        Assert.Equal("OPTIONAL", set.Str("MfaConfiguration"));

        var got = (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok();
        Assert.Equal("OPTIONAL", got.Str("MfaConfiguration"));
        got.Prop("SoftwareTokenMfaConfiguration").AssertTrue("Enabled");
        Assert.Equal("Code {####}", got.Prop("SmsMfaConfiguration").Str("SmsAuthenticationMessage"));
        Assert.Equal("arn:aws:iam::123456789012:role/sns", got.Prop("SmsMfaConfiguration").Prop("SmsConfiguration").Str("SnsCallerArn"));
        Assert.Equal("Mail {####}", got.Prop("EmailMfaConfiguration").Str("Message"));
        Assert.Equal("Your code", got.Prop("EmailMfaConfiguration").Str("Subject"));
        Assert.Equal("example.com", got.Prop("WebAuthnConfiguration").Str("RelyingPartyId"));

        var described = await Cli.DescribePoolAsync(poolId, ct);
        Assert.Equal("OPTIONAL", described.Str("MfaConfiguration"));
        Assert.Equal("Code {####}", described.Str("SmsAuthenticationMessage"));

        // UpdateUserPool with the same mode keeps the factors; turning MFA off there drops them.
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", poolId, "--mfa-configuration", "ON")).OkEmpty();
        var afterUpdate = (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok();
        Assert.Equal("ON", afterUpdate.Str("MfaConfiguration"));
        afterUpdate.Prop("SoftwareTokenMfaConfiguration").AssertTrue("Enabled");
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", poolId)).OkEmpty();
        var off = (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok();
        Assert.Equal("OFF", off.Str("MfaConfiguration"));
        off.Prop("SoftwareTokenMfaConfiguration").AssertFalse("Enabled");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_a_mode_that_does_not_match_the_factors()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("mfa-config-invalid", ct);

        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId, "--mfa-configuration", "ON"))
            .AssertError("InvalidParameterException", "SetUserPoolMfaConfig",
                "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.");
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId, "--mfa-configuration", "OFF",
            "--software-token-mfa-configuration", "Enabled=true"))
            .AssertError("InvalidParameterException", "SetUserPoolMfaConfig",
                "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", poolId, "--mfa-configuration", "OPTIONAL"))
            .AssertError("InvalidParameterException", "UpdateUserPool",
                "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.");
        (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", "ap-northeast-1_missing"))
            .AssertError("ResourceNotFoundException", "GetUserPoolMfaConfig", "User pool ap-northeast-1_missing does not exist.");
    }
}
