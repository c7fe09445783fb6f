using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>Sign-up on the hosted UI as a person does it in headless Chromium: from the login page's "Sign up" link,
/// the form with the pool's required attributes, a password the policy refuses (Cognito's message on the page), then
/// the confirmation page with the code from the outbox, which signs the new user in and lands on the app's callback
/// with a code the token endpoint exchanges. Screenshots in <c>TestResults/browser/</c>.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiSignUpBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_up_with_the_required_attributes_confirm_with_the_emailed_code_and_land_on_the_callback()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-signup", ct, "--auto-verified-attributes", "email",
            "--schema", "Name=email,AttributeDataType=String,Required=true,Mutable=true", "Name=given_name,AttributeDataType=String,Required=true,Mutable=true");
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        const string Email = "sora@example.com";

        var report = await RunAsync(nameof(HostedUiSignUpBrowserTests), [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-signup")),
            Screenshot("1-login"),
            Click("a[href*='/signup']"),
            WaitForUrl($"{baseUrl}/domain/{prefix}/signup?"),
            Fill("#username", "sora"),
            Fill("#attr-email", Email),
            Fill("#attr-given_name", "Sora"),
            Fill("#password", "short"),
            Screenshot("2-signup"),
            Click("button[type=submit]"),
            Text("p.error"),
            Screenshot("3-signup-refused"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("h1"),
            Text("main p"),
            Screenshot("4-confirm"),
            Fill("#verification_code", "000000"),
            Click("button[type=submit]"),
            Text("p.error"),
            FillOutboxCode("#verification_code", Outbox(baseUrl, poolId, Email)),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
            Screenshot("5-landing"),
        ], ct, stepTimeoutMs: 10_000);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("Password did not conform with policy: Password not long enough", report.Texts[0]);
        Assert.Equal("Confirm your account", report.Texts[1]);
        Assert.Equal("We have sent a code by email to s***@e***. Enter it below.", report.Texts[2]);
        Assert.Equal("Invalid verification code provided, please try again.", report.Texts[3]);
        Assert.All(report.Screenshots, file => Assert.True(new FileInfo(file).Length > 0, file));

        var access = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-signup", ct);
        Assert.Equal("sora", access.Str("username"));
        var user = await fixture.Cli.GetUserAsync(poolId, "sora", ct);
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
    }
}
