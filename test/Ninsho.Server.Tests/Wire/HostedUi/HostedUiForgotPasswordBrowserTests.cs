using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>A forgotten password on the hosted UI in headless Chromium: the login page's "Forgot your password?"
/// link, the username, the reset page with a wrong code (Cognito's message), then the code from the outbox and the
/// new password twice; the browser is back on the sign-in page, where the new password signs in and lands on the
/// callback with a code the token endpoint exchanges.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiForgotPasswordBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reset_a_forgotten_password_with_the_emailed_code_and_sign_in_with_the_new_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-forgot", ct);
        // A client with a secret: the pages answer ForgotPassword's SECRET_HASH for the browser.
        var (clientId, secret) = await CodeClientAsync(fixture.Raw, poolId, callback.Url, secret: true, ct);
        const string Email = "kai@example.com";
        const string NewPassword = "Renewed#Pass456";
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "kai", ct, $"Name=email,Value={Email}", "Name=email_verified,Value=true");

        var report = await RunAsync(nameof(HostedUiForgotPasswordBrowserTests), [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-forgot")),
            Click("a[href*='/forgotPassword']"),
            WaitForUrl($"{baseUrl}/domain/{prefix}/forgotPassword?"),
            Screenshot("1-forgot"),
            Fill("#username", "kai"),
            Click("button[type=submit]"),
            Text("h1"),
            Screenshot("2-reset"),
            Fill("#code", "000000"),
            Fill("#password", NewPassword),
            Fill("#confirmPassword", NewPassword),
            Click("button[type=submit]"),
            Text("p.error"),
            Screenshot("3-reset-refused"),
            FillOutboxCode("#code", Outbox(baseUrl, poolId, Email)),
            Fill("#password", NewPassword),
            Fill("#confirmPassword", NewPassword),
            Click("button[type=submit]"),
            WaitForUrl($"{baseUrl}/domain/{prefix}/login?"),
            Fill("#username", "kai"),
            Fill("#password", NewPassword),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("Reset your password", report.Texts[0]);
        Assert.Equal("Invalid verification code provided, please try again.", report.Texts[1]);
        var access = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-forgot", ct, secret);
        Assert.Equal("kai", access.Str("username"));
    }
}
