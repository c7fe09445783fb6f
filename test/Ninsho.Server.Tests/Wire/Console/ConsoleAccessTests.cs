using System.Net;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

/// <summary>Two servers for the console's access rules: one as started by default (loopback callers only) and
/// one with <c>--admin-token</c> (a credential, and the browser login).</summary>
public sealed class ConsoleServers : IAsyncLifetime
{
    public const string AdminToken = "console-admin-token-0123456789";

    public NinshoProcess Local { get; private set; } = null!;

    public NinshoProcess Guarded { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Local = await NinshoProcess.StartAsync(ct);
        Guarded = await NinshoProcess.StartAsync(ct, "--admin-token", AdminToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Local.DisposeAsync();
        await Guarded.DisposeAsync();
    }
}

/// <summary>The console's guard over raw HTTP: who is refused, that every POST needs the form's antiforgery token,
/// that a page of another origin cannot post, that the hosted UI's domain routes and a pool's custom domain never
/// serve it, and the headers of every page (strict CSP, no framing, no caching).</summary>
public sealed partial class ConsoleAccessTests(ConsoleServers servers) : IClassFixture<ConsoleServers>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_serve_loopback_callers_with_a_strict_csp_and_no_framing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var page = await _http.GetAsync(servers.Local.BaseUrl + "/_ninsho/console/", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches("^default-src 'none'; script-src 'nonce-[^' ]+'; style-src 'nonce-[^' ]+';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.False(page.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_caller_a_proxy_forwards_and_a_caller_without_the_credential()
    {
        var ct = TestContext.Current.CancellationToken;
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, servers.Local.BaseUrl + "/_ninsho/console/");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var refused = await _http.SendAsync(forwarded, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // With --admin-token, loopback alone is not enough: the browser is sent to the login form.
        using var anonymous = await _http.GetAsync(servers.Guarded.BaseUrl + "/_ninsho/console/", ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/_ninsho/console/login", anonymous.Headers.Location?.ToString());
        using var post = await _http.PostAsync(servers.Guarded.BaseUrl + "/_ninsho/console/pools/x/users", new FormUrlEncodedContent([]), ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, servers.Guarded.BaseUrl + "/_ninsho/console/");
        bearer.Headers.Authorization = new("Bearer", ConsoleServers.AdminToken);
        using var allowed = await _http.SendAsync(bearer, ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_with_the_admin_token_through_the_login_form_only_with_its_antiforgery_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var login = servers.Guarded.BaseUrl + "/_ninsho/console/login";
        var (cookie, token) = await FormTokensAsync(login, ct);

        using var noToken = await PostAsync(login, cookie, [new("token", ConsoleServers.AdminToken)], ct);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using var wrong = await PostAsync(login, cookie, [new("__csrf", token), new("token", "not-the-token-at-all")], ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await PostAsync(login, cookie, [new("__csrf", token), new("token", ConsoleServers.AdminToken)], ct);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var session = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ninsho-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        using var signedIn = new HttpRequestMessage(HttpMethod.Get, servers.Guarded.BaseUrl + "/_ninsho/console/");
        signedIn.Headers.Add("Cookie", session.Split(';')[0]);
        using var page = await _http.SendAsync(signedIn, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_post_without_the_antiforgery_token_or_from_another_origin()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await new AwsCli(servers.Local.BaseUrl).CreatePoolAsync("console-csrf", ct);
        var users = $"{servers.Local.BaseUrl}/_ninsho/console/pools/{poolId}/users";
        var (cookie, token) = await FormTokensAsync(users, ct);

        using var none = await PostAsync(users, null, [new("username", "eve")], ct);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        using var cookieOnly = await PostAsync(users, cookie, [new("username", "eve")], ct);
        Assert.Equal(HttpStatusCode.BadRequest, cookieOnly.StatusCode);
        using var crossSite = await PostAsync(users, cookie, [new("__csrf", token), new("username", "eve")], ct, origin: "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        var listed = await new AwsCli(servers.Local.BaseUrl).ListUsernamesAsync(poolId, ct);
        Assert.Empty(listed);

        using var valid = await PostAsync(users, cookie, [new("__csrf", token), new("username", "eve"), new("messageAction", "SUPPRESS")], ct);
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.Equal(["eve"], await new AwsCli(servers.Local.BaseUrl).ListUsernamesAsync(poolId, ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_not_serve_the_console_under_a_hosted_ui_domain_route_nor_to_a_rebound_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = new AwsCli(servers.Guarded.BaseUrl);
        var poolId = await cli.CreatePoolAsync("console-domains", ct);
        var prefix = "console-" + poolId.Split('_')[1].ToLowerInvariant();
        (await cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();

        using var underDomain = new HttpRequestMessage(HttpMethod.Get, $"{servers.Guarded.BaseUrl}/domain/{prefix}/_ninsho/console/");
        underDomain.Headers.Authorization = new("Bearer", ConsoleServers.AdminToken);
        using var notThere = await _http.SendAsync(underDomain, ct);
        Assert.NotEqual(HttpStatusCode.OK, notThere.StatusCode);
        Assert.DoesNotContain("Ninsho console", await notThere.Content.ReadAsStringAsync(ct));

        // Without a credential, a loopback caller must name this machine: a page whose own name was pointed at
        // 127.0.0.1 (DNS rebinding) is refused.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, servers.Local.BaseUrl + "/_ninsho/console/");
        rebound.Headers.Host = "evil.example.test";
        using var reboundAnswer = await _http.SendAsync(rebound, ct);
        Assert.Equal(HttpStatusCode.Forbidden, reboundAnswer.StatusCode);

        // The admin token opens it under any other Host.
        using var asServer = new HttpRequestMessage(HttpMethod.Get, servers.Guarded.BaseUrl + "/_ninsho/console/");
        asServer.Headers.Authorization = new("Bearer", ConsoleServers.AdminToken);
        asServer.Headers.Host = "ninsho.example.test";
        using var serverAnswer = await _http.SendAsync(asServer, ct);
        Assert.Equal(HttpStatusCode.OK, serverAnswer.StatusCode);
    }

    /// <summary>The antiforgery cookie a page sets and the token its forms carry.</summary>
    private async Task<(string Cookie, string Token)> FormTokensAsync(string url, CancellationToken ct)
    {
        using var page = await _http.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ninsho-console-csrf=", StringComparison.Ordinal)).Split(';')[0];
        var token = CsrfField().Match(await page.Content.ReadAsStringAsync(ct)).Groups[1].Value;
        Assert.NotEmpty(token);
        return (cookie, WebUtility.HtmlDecode(token));
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string? cookie, KeyValuePair<string, string>[] form, CancellationToken ct, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await _http.SendAsync(request, ct);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
