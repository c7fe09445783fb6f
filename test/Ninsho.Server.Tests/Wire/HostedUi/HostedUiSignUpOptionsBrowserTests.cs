using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>The pool settings around the hosted UI's sign-up, in headless Chromium: the verification link a pool with
/// <c>DefaultEmailOption: CONFIRM_WITH_LINK</c> emails (<c>/confirmUser?client_id=…&amp;user_name=…&amp;confirmation_code=…</c>),
/// which confirms the user when opened; "Resend code" on the confirmation page (<c>/resendcode</c>), whose new code
/// confirms; and a pool where only administrators create users (<c>AllowAdminCreateUserOnly</c>), whose login page
/// has no sign-up link and whose sign-up page refuses.</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class HostedUiSignUpOptionsBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Confirms_the_user_who_opens_the_emailed_verification_link()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-link", ct, "--auto-verified-attributes", "email",
            "--verification-message-template", "DefaultEmailOption=CONFIRM_WITH_LINK");
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        const string Email = "lin@example.com";
        (await fixture.Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "lin", "--password", CliSteps.Password,
            "--user-attributes", $"Name=email,Value={Email}")).Ok();

        var message = await OutboxMessageAsync(baseUrl, poolId, Email, ct);
        Assert.Equal("Your verification link", message.Str("Subject"));
        var link = WebUtility.HtmlDecode(LinkPattern().Match(message.Str("Body")).Groups[1].Value);
        Assert.Equal(
            $"{baseUrl}/domain/{prefix}/confirmUser?client_id={clientId}&user_name=lin&confirmation_code={message.Str("Code")}", link);
        Assert.Contains(">Verify Email</a>", message.Str("Body"), StringComparison.Ordinal);

        var report = await RunAsync(nameof(HostedUiSignUpOptionsBrowserTests) + "-link", [
            Goto(link),
            Text("h1"),
            Screenshot("1-confirmed"),
            Goto(link),
            Text("p.error"),
            Screenshot("2-link-used-again"),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal("Your registration has been confirmed!", report.Texts[0]);
        Assert.Equal("User cannot be confirmed. Current status is CONFIRMED", report.Texts[1]);
        Assert.Equal("CONFIRMED", (await fixture.Cli.GetUserAsync(poolId, "lin", ct)).Str("UserStatus"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Resends_the_code_from_the_confirmation_page_and_confirms_with_the_new_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-resend", ct, "--auto-verified-attributes", "email",
            "--schema", "Name=email,AttributeDataType=String,Required=true,Mutable=true");
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        const string Email = "rio@example.com";

        var report = await RunAsync(nameof(HostedUiSignUpOptionsBrowserTests) + "-resend", [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-resend")),
            Click("a[href*='/signup']"),
            Fill("#username", "rio"),
            Fill("#attr-email", Email),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("h1"),
            Screenshot("1-confirm"),
            Click("#resend"),
            Text("h1"),
            Text("main p"),
            Screenshot("2-code-sent-again"),
            FillOutboxCode("#verification_code", Outbox(baseUrl, poolId, Email), minCount: 2),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal("Confirm your account", report.Texts[0]);
        Assert.Equal("Confirm your account", report.Texts[1]);
        Assert.Equal("We have sent a code by email to r***@e***. Enter it below.", report.Texts[2]);
        Assert.Equal("rio", (await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-resend", ct)).Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Hides_sign_up_where_only_administrators_create_users()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-admin-only", ct, "--admin-create-user-config", "AllowAdminCreateUserOnly=true");
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        var query = $"response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(callback.Url)}&state=s&scope=openid";

        var report = await RunAsync(nameof(HostedUiSignUpOptionsBrowserTests) + "-admin-only", [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "s")),
            Eval("String(document.querySelector(\"a[href*='/signup']\") === null)"),
            Text("a[href*='/forgotPassword']"),
            Screenshot("1-login-without-sign-up"),
            Goto($"{baseUrl}/domain/{prefix}/signup?{query}"),
            Text("p.error"),
            Screenshot("2-sign-up-refused"),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal("true", report.Texts[0]);
        Assert.Equal("Forgot your password?", report.Texts[1]);
        Assert.Equal("SignUp is not permitted for this user pool", report.Texts[2]);
    }

    private static async Task<JsonElement> OutboxMessageAsync(string baseUrl, string poolId, string recipient, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var outbox = JsonDocument.Parse(await http.GetStringAsync(new Uri(Outbox(baseUrl, poolId, recipient)), ct));
        return Assert.Single(outbox.RootElement.Items("Messages")).Clone();
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex LinkPattern();
}
