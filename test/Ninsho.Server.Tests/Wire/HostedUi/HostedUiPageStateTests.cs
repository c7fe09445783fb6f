using System.Net;
using System.Text.RegularExpressions;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>The hosted UI pages' protections over raw HTTP (docs/hosted-ui-and-oauth.md#the-hosted-ui-pages): a form
/// without the browser's CSRF token changes nothing, and a challenge page posted with a state the server did not seal
/// goes back to the sign-in page.</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class HostedUiPageStateTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_sign_up_without_the_csrf_token_and_a_challenge_page_with_a_forged_state()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-state", ct);
        const string Callback = "https://app.example.com/cb";
        var clientId = await CodeClientAsync(fixture.Raw, poolId, Callback, ct);
        var query = $"?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Callback)}";
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);

        using var page = await browser.GetAsync(new Uri($"{baseUrl}/domain/{prefix}/signup{query}"), ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://app.example.com",
            page.Headers.GetValues("Content-Security-Policy").Single());
        var csrf = CsrfField().Match(await page.Content.ReadAsStringAsync(ct)).Groups[1].Value;
        Assert.Equal(64, csrf.Length);

        var signUp = new Dictionary<string, string> { ["username"] = "mallory", ["password"] = CliSteps.Password };
        using var forged = await browser.PostAsync(new Uri($"{baseUrl}/domain/{prefix}/signup{query}"), new FormUrlEncodedContent(signUp), ct);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Your session expired; please try again.", await forged.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        (await fixture.Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "mallory"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        using var mfa = await browser.PostAsync(new Uri($"{baseUrl}/domain/{prefix}/mfa{query}"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_csrf"] = csrf,
            ["session"] = "AQID" + new string('A', 80),
            ["code"] = "123456",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, mfa.StatusCode);
        Assert.Equal($"/domain/{prefix}/login{query}", mfa.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex CsrfField();
}
