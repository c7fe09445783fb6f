using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiBrowserSetup;

namespace Ninsho.Server.Tests;

/// <summary>What an app client allows, as headless Chromium meets it: the implicit flow's tokens in the fragment only
/// for a client that allows <c>implicit</c> (no refresh token); no password form for a client without <c>COGNITO</c>;
/// callback and sign-out URLs matched exactly (an unlisted one is an error page, never a redirect); and <c>/logout</c>
/// with <c>redirect_uri</c> and <c>response_type</c>, which ends the session and shows the login page again.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiClientSettingsBrowserTests(NinshoServerFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string Base => fixture.BaseUrl.TrimEnd('/');

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_return_tokens_in_the_fragment_only_to_a_client_that_allows_the_implicit_flow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var poolId = await fixture.Cli.CreatePoolAsync("browser-implicit", ct);
        var implicitClient = await CreateClientAsync(fixture, poolId, [callback.Url], ct, flows: ["implicit"]);
        var codeClient = await CreateClientAsync(fixture, poolId, [callback.Url], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "sora", ct, "Name=email,Value=sora@example.com");

        var report = await RunAsync(nameof(Does_return_tokens_in_the_fragment_only_to_a_client_that_allows_the_implicit_flow), [
            Goto(Authorize(Base, codeClient, callback.Url, "refused", ("response_type", "token"))),
            WaitForUrl(callback.Url),
            Goto(Authorize(Base, implicitClient, callback.Url, "refused-code")),
            WaitForUrl(callback.Url),
            Goto(Authorize(Base, implicitClient, callback.Url, "imp", ("response_type", "token"), ("scope", "openid email"), ("nonce", "n-imp"))),
            .. SignIn("sora"),
            WaitForUrl(callback.Url),
            Url(),
            Screenshot("implicit-landing"),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        Assert.Equal("unauthorized_client", (await NextAsync(callback, ct))["error"]);
        Assert.Equal("unauthorized_client", (await NextAsync(callback, ct))["error"]);
        Assert.Empty(await NextAsync(callback, ct)); // the fragment never reaches the app's server

        var landed = new Uri(report.Texts.Single()!);
        Assert.Equal("", landed.Query);
        var fragment = System.Web.HttpUtility.ParseQueryString(landed.Fragment.TrimStart('#'));
        Assert.Equal(["id_token", "access_token", "token_type", "expires_in", "state"], fragment.AllKeys);
        Assert.Equal("Bearer", fragment["token_type"]);
        Assert.Equal("3600", fragment["expires_in"]);
        Assert.Equal("imp", fragment["state"]);
        var id = Jwt.Payload(fragment["id_token"]!);
        Assert.Equal("n-imp", id.Str("nonce"));
        Assert.Equal(implicitClient, id.Str("aud"));
        Assert.Equal("openid email", Jwt.Payload(fragment["access_token"]!).Str("scope"));

        // The access token is good at userInfo.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/oauth2/userInfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fragment["access_token"]);
        using var userInfo = await _http.SendAsync(request, ct);
        var body = await userInfo.Content.ReadAsStringAsync(ct);
        Assert.True(userInfo.StatusCode == HttpStatusCode.OK, body);
        using var claims = JsonDocument.Parse(body);
        Assert.Equal("sora@example.com", claims.RootElement.Str("email"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_show_no_password_form_to_a_client_without_cognito_and_match_urls_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var signOut = callback.Url + "?signed-out=1";
        var poolId = await fixture.Cli.CreatePoolAsync("browser-settings", ct);
        var withoutCognito = await CreateClientAsync(fixture, poolId, [callback.Url], ct, providers: []);
        var client = await CreateClientAsync(fixture, poolId, [callback.Url], ct, logoutUrls: [signOut]);

        var report = await RunAsync(nameof(Does_show_no_password_form_to_a_client_without_cognito_and_match_urls_exactly), [
            Goto(Authorize(Base, withoutCognito, callback.Url, "no-idp")),
            Screenshot("no-sign-in-option"),
            Text("main"),
            // A trailing slash, another case, an extra query: not the registered callback.
            Goto(Authorize(Base, client, callback.Url + "/", "slash")),
            Text("main"),
            Goto(Authorize(Base, client, callback.Url.Replace("/callback", "/Callback", StringComparison.Ordinal), "case")),
            Text("main"),
            Goto($"{Base}/logout?client_id={client}&logout_uri={Uri.EscapeDataString(signOut + "&x=1")}"),
            Screenshot("logout-mismatch"),
            Text("main"),
            Goto(Authorize(Base, client, callback.Url, "scope", ("scope", "openid phone"))),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        Assert.Contains("Login pages unavailable. Please contact an administrator.", report.Texts[0], StringComparison.Ordinal);
        Assert.Contains("redirect_mismatch", report.Texts[1], StringComparison.Ordinal);
        Assert.Contains("redirect_mismatch", report.Texts[2], StringComparison.Ordinal);
        Assert.Contains("sign-out URLs", report.Texts[3], StringComparison.Ordinal);
        Assert.Equal("invalid_scope", (await NextAsync(callback, ct))["error"]);
        Assert.False(callback.TryTake(out _), "an unregistered URL was redirected to");

        // The page for a client without COGNITO has no form, and the login POST is refused as well.
        using var page = await _http.GetAsync(Authorize($"{Base}", withoutCognito, callback.Url, "x").Replace("/oauth2/authorize", "/login", StringComparison.Ordinal), ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.DoesNotContain("password", await page.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_log_out_to_the_login_page_with_redirect_uri_and_sign_in_again_from_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var poolId = await fixture.Cli.CreatePoolAsync("browser-relogin", ct);
        var client = await CreateClientAsync(fixture, poolId, [callback.Url], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "rin", ct);
        var relogin = $"{Base}/logout?client_id={client}&redirect_uri={Uri.EscapeDataString(callback.Url)}&response_type=code&scope=openid&state=again";

        var report = await RunAsync(nameof(Does_log_out_to_the_login_page_with_redirect_uri_and_sign_in_again_from_it), [
            Goto(Authorize(Base, client, callback.Url, "first")),
            .. SignIn("rin"),
            WaitForUrl(callback.Url),
            Goto(relogin),
            WaitForUrl($"{Base}/login?"),
            Screenshot("relogin"),
            // The logout ended the session: prompt=none finds none.
            Goto(Authorize(Base, client, callback.Url, "silent", ("prompt", "none"))),
            WaitForUrl(callback.Url),
            Goto(relogin),
            WaitForUrl($"{Base}/login?"),
            .. SignIn("rin"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        Assert.Equal("first", (await NextAsync(callback, ct))["state"]);
        Assert.Equal("login_required", (await NextAsync(callback, ct))["error"]);
        var again = await NextAsync(callback, ct);
        Assert.Equal("again", again["state"]);
        Assert.Matches("^[0-9a-f-]{36}$", again["code"]);
    }
}
