using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>The pool's UI customization (set-ui-customization: CSS on Cognito's <c>*-customizable</c> classes and a
/// logo) on the login page and the pages beyond it, as headless Chromium renders them: the CSS styles the submit
/// button and the logo loads, with no Content-Security-Policy violation.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiBrandingBrowserTests(NinshoServerFixture fixture)
{
    /// <summary>A 1×1 PNG.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_apply_the_pools_css_and_logo_to_the_login_and_sign_up_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-branding", ct);
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        var logo = Path.Combine(Path.GetTempPath(), $"ninsho-logo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(logo, Convert.FromBase64String(Png), ct);
        try
        {
            (await fixture.Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", poolId, "--client-id", "ALL",
                "--css", ".submitButton-customizable { background-color: rgb(200, 16, 46); }", "--image-file", "fileb://" + logo)).Ok();
        }
        finally
        {
            File.Delete(logo);
        }

        const string Button = "getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor";
        const string Logo = "document.querySelector('img.logo-customizable').naturalWidth";
        var report = await RunAsync(nameof(HostedUiBrandingBrowserTests), [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-brand")),
            Eval(Button),
            Eval(Logo),
            Screenshot("1-login-branded"),
            Click("a[href*='/signup']"),
            WaitForUrl($"{baseUrl}/domain/{prefix}/signup?"),
            Eval(Button),
            Eval(Logo),
            Screenshot("2-signup-branded"),
        ], ct, stepTimeoutMs: 10_000);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal(["rgb(200, 16, 46)", "1", "rgb(200, 16, 46)", "1"], report.Texts);
    }
}
