using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiBrowserSetup;

namespace Ninsho.Server.Tests;

/// <summary>The hosted UI's sign-in session in headless Chromium, on a pool's domain (<c>/domain/{prefix}/…</c>): one
/// sign-in leaves the <c>cognito</c> cookie, after which <c>/oauth2/authorize</c> of any app client of the pool sends
/// the browser straight back with a code, until <c>/logout</c>; a copy of the cookie kept from before the logout
/// signs nobody in afterwards (the session is ended on the server, not only in the browser).</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class HostedUiSessionBrowserTests(NinshoServerFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string Base => fixture.BaseUrl.TrimEnd('/');

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_skip_the_form_for_every_client_of_the_pool_until_logout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var signOut = callback.Url + "?signed-out=1";
        var poolId = await fixture.Cli.CreatePoolAsync("browser-session", ct);
        var prefix = "session-" + poolId.Split('_')[1].ToLowerInvariant();
        (await fixture.Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        var web = await CreateClientAsync(fixture, poolId, [callback.Url], ct, logoutUrls: [signOut]);
        var admin = await CreateClientAsync(fixture, poolId, [callback.Url], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "mio", ct);
        var domain = $"{Base}/domain/{prefix}";
        var started = TimeProvider.System.GetUtcNow();

        var report = await RunAsync(nameof(Does_skip_the_form_for_every_client_of_the_pool_until_logout), [
            Goto(Authorize(domain, web, callback.Url, "s-web")),
            Screenshot("login"),
            .. SignIn("mio"),
            WaitForUrl(callback.Url),
            Cookies(),
            // The second app client: no form, straight back with a code.
            Goto(Authorize(domain, admin, callback.Url, "s-admin")),
            WaitForUrl(callback.Url),
            Screenshot("second-client-without-form"),
            Goto($"{domain}/logout?client_id={web}&logout_uri={Uri.EscapeDataString(signOut)}"),
            WaitForUrl(signOut),
            // Signed out: the form again.
            Goto(Authorize(domain, admin, callback.Url, "s-after")),
            WaitForUrl($"{domain}/login?"),
            Screenshot("form-after-logout"),
            Text("h1"),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        Assert.Equal("Sign in", report.Texts.Single());
        var cookie = Assert.Single(report.Cookies, c => c.Name == "cognito");
        Assert.True(cookie.HttpOnly);
        Assert.False(cookie.Secure); // plain http here; Secure when the request came over https
        Assert.Equal("Lax", cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        var expires = DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires);
        Assert.InRange(expires, started.AddMinutes(59), TimeProvider.System.GetUtcNow().AddMinutes(61));

        var first = await NextAsync(callback, ct);
        Assert.Equal("s-web", first["state"]);
        var second = await NextAsync(callback, ct);
        Assert.Equal("s-admin", second["state"]);
        Assert.Equal("1", (await NextAsync(callback, ct))["signed-out"]);
        Assert.False(callback.TryTake(out var extra), $"the callback was called again: {string.Join('&', extra ?? new Dictionary<string, string>())}");

        // The second client's code, from the session, is as good as one from the form.
        using var token = await _http.PostAsync($"{domain}/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = admin,
            ["code"] = second["code"],
            ["redirect_uri"] = callback.Url,
        }), ct);
        var body = await token.Content.ReadAsStringAsync(ct);
        Assert.True(token.StatusCode == HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        Assert.Equal("mio", Jwt.Payload(tokens.RootElement.Str("access_token")).Str("username"));
        Assert.Equal(admin, Jwt.Payload(tokens.RootElement.Str("id_token")).Str("aud"));

        // The cookie Chromium held before the logout is refused now: the logout ended the session on the server.
        Assert.Equal("login_required", await PromptNoneErrorAsync(domain, admin, callback.Url, cookie.Value, ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_copy_of_the_session_cookie_after_logout_but_not_before()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Callback = "myapp://callback";
        const string SignOut = "myapp://signed-out";
        var poolId = await fixture.Cli.CreatePoolAsync("session-copy", ct);
        var client = await CreateClientAsync(fixture, poolId, [Callback], ct, logoutUrls: [SignOut]);
        var other = await CreateClientAsync(fixture, await fixture.Cli.CreatePoolAsync("session-copy-other", ct), [Callback], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "ren", ct);

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
        var login = $"{Base}/login?" + Authorize("", client, Callback, "st").Split('?', 2)[1];
        var page = await browser.GetStringAsync(login, ct);
        var csrf = CsrfField().Match(page).Groups[1].Value;
        using var posted = await browser.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_csrf"] = csrf,
            ["username"] = "ren",
            ["password"] = CliSteps.Password,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var session = cookies.GetCookies(new Uri(Base))["cognito"]?.Value;
        Assert.False(string.IsNullOrEmpty(session));

        // A copy works, for this pool only; a forged value is no session.
        Assert.Null(await PromptNoneErrorAsync(Base, client, Callback, session!, ct));
        Assert.Equal("login_required", await PromptNoneErrorAsync(Base, other, Callback, session!, ct));
        Assert.Equal("login_required", await PromptNoneErrorAsync(Base, client, Callback, session![..^4] + "AAAA", ct));

        using var logout = await browser.GetAsync($"{Base}/logout?client_id={client}&logout_uri={Uri.EscapeDataString(SignOut)}", ct);
        Assert.Equal(SignOut, logout.Headers.Location?.OriginalString);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cognito=;", StringComparison.Ordinal));
        Assert.Equal("login_required", await PromptNoneErrorAsync(Base, client, Callback, session!, ct));
    }

    /// <summary>The <c>error</c> of a <c>prompt=none</c> authorize sent with <paramref name="session"/> as the
    /// <c>cognito</c> cookie; null when it answered a code.</summary>
    private static async Task<string?> PromptNoneErrorAsync(string basePath, string clientId, string callback, string session, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Authorize(basePath, clientId, callback, "pn", ("prompt", "none")));
        request.Headers.Add("Cookie", "cognito=" + session);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler);
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(callback + "?", location, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Split('?', 2)[1]);
        Assert.Equal("pn", query["state"]);
        if (query["error"] is null)
        {
            Assert.Matches("^[0-9a-f-]{36}$", query["code"]);
        }

        return query["error"];
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
