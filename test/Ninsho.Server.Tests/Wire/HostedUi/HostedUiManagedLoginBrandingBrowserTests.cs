using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>Managed login branding (create-managed-login-branding) on the pages of a domain whose
/// <c>ManagedLoginVersion</c> is 2, as headless Chromium renders them: the style's page background, form, heading
/// text and primary button colours (light mode) and its FORM_LOGO asset.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiManagedLoginBrandingBrowserTests(NinshoServerFixture fixture)
{
    /// <summary>A 1×1 PNG.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Applies_the_styles_colours_and_logo_on_a_managed_login_domain()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var poolId = await fixture.Cli.CreatePoolAsync("ui-ml-branding", ct);
        var prefix = "ml-" + poolId.Split('_')[1].ToLowerInvariant();
        (await fixture.Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix, "--managed-login-version", "2")).Ok();
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        var settings = new Dictionary<string, object>
        {
            ["components"] = new Dictionary<string, object>
            {
                ["pageBackground"] = new { lightMode = new { color = "102030ff" } },
                ["form"] = new { borderRadius = 12.0, lightMode = new { backgroundColor = "f0f0f0ff", borderColor = "c6c6cdff" } },
                ["pageText"] = new { lightMode = new { headingColor = "aa0000ff", bodyColor = "414d5cff" } },
                ["primaryButton"] = new { lightMode = new { defaults = new { backgroundColor = "0972d3ff", textColor = "ffffffff" } } },
            },
        };
        var create = await fixture.Raw.IdpAsync("CreateManagedLoginBranding", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UserPoolId"] = poolId,
            ["ClientId"] = clientId,
            ["Settings"] = settings,
            ["Assets"] = new[] { new { Category = "FORM_LOGO", ColorMode = "LIGHT", Extension = "PNG", Bytes = Png } },
        }), ct);
        Assert.True(create.Status == HttpStatusCode.OK, create.Describe());

        static string Style(string selector, string property) => $"getComputedStyle(document.querySelector('{selector}')).{property}";
        var report = await RunAsync(nameof(HostedUiManagedLoginBrandingBrowserTests), [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-ml")),
            Eval(Style("body", "backgroundColor")),
            Eval(Style("main", "backgroundColor")),
            Eval(Style("h1", "color")),
            Eval(Style("button[type=submit]", "backgroundColor")),
            Eval("document.querySelector('img.logo-customizable').naturalWidth"),
            Screenshot("1-login-managed-login-style"),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal(["rgb(16, 32, 48)", "rgb(240, 240, 240)", "rgb(170, 0, 0)", "rgb(9, 114, 211)", "1"], report.Texts);
    }
}
