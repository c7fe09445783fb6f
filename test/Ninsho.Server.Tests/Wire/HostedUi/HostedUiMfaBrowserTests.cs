using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>MFA on the hosted UI in headless Chromium, after the password: TOTP setup with a QR code when the pool
/// requires MFA and the user has none (the browser computes the code from the secret the page shows, as an
/// authenticator app does), then the TOTP code page on the next sign-in; the choice page (SELECT_MFA_TYPE) for a user
/// with SMS and email on, the email code page (a wrong code first), and the SMS code page once SMS is preferred; codes
/// from the outbox. Every sign-in lands on the callback with a code the token endpoint exchanges.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiMfaBrowserTests(NinshoServerFixture fixture)
{
    private const string Phone = "+81901234567";
    private const string Email = "emi@example.com";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_set_up_an_authenticator_app_from_the_QR_page_when_MFA_is_required_then_ask_for_its_code()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-totp", ct);
        (await fixture.Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId, "--mfa-configuration", "ON",
            "--software-token-mfa-configuration", "Enabled=true")).Ok();
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "toto", ct);
        var authorize = Authorize(baseUrl, prefix, clientId, callback.Url, "st-totp");

        var setup = await RunAsync(nameof(HostedUiMfaBrowserTests) + "-setup", [
            Goto(authorize),
            Fill("#username", "toto"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("h1"),
            Text("#secret"),
            Screenshot("1-totp-setup-qr"),
            Fill("#code", "000000"),
            Click("button[type=submit]"),
            Text("p.error"),
            FillTotp("#code", secretFrom: "#secret"),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(setup.Ok, setup.Describe());
        Assert.DoesNotContain(setup.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("Set up an authenticator app", setup.Texts[0]);
        var secret = setup.Texts[1]!.Trim();
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        Assert.Equal("Code mismatch and fail enable Software Token MFA", setup.Texts[2]);
        Assert.Equal("toto", (await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-totp", ct)).Str("username"));
        var user = await fixture.Cli.GetUserAsync(poolId, "toto", ct);
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], user.Items("UserMFASettingList").Select(e => e.GetString()!).ToArray());

        // The next sign-in asks for the app's code; the next 30-s step, since the setup spent the current one.
        var signIn = await RunAsync(nameof(HostedUiMfaBrowserTests) + "-totp", [
            Goto(authorize),
            Fill("#username", "toto"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("main p"),
            Screenshot("2-totp-code"),
            FillTotp("#code", secret: secret, stepOffset: 1),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(signIn.Ok, signIn.Describe());
        Assert.Equal("Enter the code from your authenticator app.", signIn.Texts[0]);
        Assert.Equal("toto", (await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-totp", ct)).Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_let_the_user_choose_between_SMS_and_email_and_take_the_codes_from_the_outbox()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-sms-email", ct);
        (await fixture.Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId, "--mfa-configuration", "OPTIONAL",
            "--sms-mfa-configuration", """{"SmsAuthenticationMessage":"Your code is {####}","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns"}}""",
            "--email-mfa-configuration", """{"Message":"Email code {####}","Subject":"Sign-in code"}""")).Ok();
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "emi", ct, $"Name=phone_number,Value={Phone}", $"Name=email,Value={Email}");
        (await fixture.Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "emi",
            "--sms-mfa-settings", "Enabled=true", "--email-mfa-settings", "Enabled=true")).OkEmpty();
        var authorize = Authorize(baseUrl, prefix, clientId, callback.Url, "st-mfa");

        var email = await RunAsync(nameof(HostedUiMfaBrowserTests) + "-choose", [
            Goto(authorize),
            Fill("#username", "emi"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("h1"),
            Screenshot("3-choose-mfa"),
            Click("#mfa-EMAIL_OTP"),
            Text("main p"),
            Screenshot("4-email-code"),
            Fill("#code", "000000"),
            Click("button[type=submit]"),
            Text("p.error"),
            FillOutboxCode("#code", Outbox(baseUrl, poolId, Email)),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(email.Ok, email.Describe());
        Assert.DoesNotContain(email.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("Choose how to sign in", email.Texts[0]);
        Assert.Equal("We have sent a code by email to e***@e***. Enter it to sign in.", email.Texts[1]);
        Assert.Equal("Invalid code or auth state for the user.", email.Texts[2]);
        Assert.Equal("emi", (await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-mfa", ct)).Str("username"));

        (await fixture.Cli.CognitoIdpAsync(ct, "admin-set-user-mfa-preference", "--user-pool-id", poolId, "--username", "emi",
            "--sms-mfa-settings", "Enabled=true,PreferredMfa=true")).OkEmpty();
        var sms = await RunAsync(nameof(HostedUiMfaBrowserTests) + "-sms", [
            Goto(authorize),
            Fill("#username", "emi"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("main p"),
            Screenshot("5-sms-code"),
            FillOutboxCode("#code", Outbox(baseUrl, poolId, Phone)),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(sms.Ok, sms.Describe());
        Assert.Equal("We have sent a code by SMS to +*******4567. Enter it to sign in.", sms.Texts[0]);
        Assert.Equal("emi", (await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-mfa", ct)).Str("username"));
    }
}
