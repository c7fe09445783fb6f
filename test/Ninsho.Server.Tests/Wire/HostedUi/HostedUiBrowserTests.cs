using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;

namespace Ninsho.Server.Tests;

/// <summary>The hosted UI as a real browser sees it: headless Chromium opens <c>/oauth2/authorize</c> of a pool's
/// domain, types the username and password, signs in, and must land on the app's loopback callback with the code and
/// the state; the code is then redeemed at <c>/oauth2/token</c>. HTTP clients follow the login's 302 whatever the
/// page's Content-Security-Policy says; Chromium applies <c>form-action</c> to it. Screenshots of the login page and
/// of the landing are saved under <c>TestResults/browser/</c>.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiBrowserTests(NinshoServerFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AwsCli Cli => fixture.Cli;

    private string Base => fixture.BaseUrl.TrimEnd('/');

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_from_headless_chromium_and_land_on_the_callback_with_code_and_state()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var poolId = await Cli.CreatePoolAsync("browser-login", ct);
        var prefix = "browser-" + poolId.Split('_')[1].ToLowerInvariant();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        var clientId = await CreateCodeClientAsync(poolId, [callback.Url], ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "mio", ct);

        var authorize = $"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={clientId}" +
            $"&redirect_uri={Uri.EscapeDataString(callback.Url)}&state=st-browser&scope=openid";
        var report = await RunAsync(nameof(Does_sign_in_from_headless_chromium_and_land_on_the_callback_with_code_and_state), [
            Goto(authorize),
            Screenshot("login"),
            Fill("#username", "mio"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
            Screenshot("landing"),
            Text("h1"),
        ], ct, stepTimeoutMs: 10_000);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("Signed in", report.Texts.Single());
        Assert.Equal(2, report.Screenshots.Count);
        Assert.All(report.Screenshots, file => Assert.True(new FileInfo(file).Length > 0, file));

        Assert.True(callback.TryTake(out var query), "the callback received no request");
        Assert.Equal("st-browser", query!["state"]);
        Assert.Matches("^[0-9a-f-]{36}$", query["code"]);

        using var token = await _http.PostAsync($"{Base}/domain/{prefix}/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = query["code"],
            ["redirect_uri"] = callback.Url,
        }), ct);
        var body = await token.Content.ReadAsStringAsync(ct);
        Assert.True(token.StatusCode == HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        Assert.Equal("mio", Jwt.Payload(tokens.RootElement.Str("access_token")).Str("username"));
        Assert.Equal(clientId, Jwt.Payload(tokens.RootElement.Str("id_token")).Str("aud"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_let_the_login_form_go_only_to_the_server_and_the_checked_callbacks_origin()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("browser-csp", ct);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["https://app.example.com/auth/callback?x=1"] = "https://app.example.com",
            ["https://app.example.com:8443/cb"] = "https://app.example.com:8443",
            ["http://localhost:3000/cb"] = "http://localhost:3000",
            // No CSP host source can name an IPv6 literal, nor match an app scheme's URL in Chromium: the scheme.
            ["http://[::1]:8080/cb"] = "http:",
            ["com.example.app:/oauth"] = "com.example.app:",
        };
        var clientId = await CreateCodeClientAsync(poolId, [.. expected.Keys], ct);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        foreach (var (callback, source) in expected)
        {
            using var page = await browser.GetAsync(
                $"{Base}/login?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(callback)}", ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal($"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {source}",
                page.Headers.GetValues("Content-Security-Policy").Single());
        }

        // An error page has no form to send anywhere.
        using var error = await browser.GetAsync($"{Base}/login?response_type=code&client_id={clientId}&redirect_uri=https%3A%2F%2Fevil.example", ct);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", error.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>A code-flow client with these callback URLs; created over raw HTTP because the AWS CLI v1
    /// would fetch an http(s) parameter value instead of sending it (cli_follow_urlparam).</summary>
    private async Task<string> CreateCodeClientAsync(string poolId, string[] callbackUrls, CancellationToken ct)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UserPoolId"] = poolId,
            ["ClientName"] = "browser",
            ["AllowedOAuthFlows"] = new[] { "code" },
            ["AllowedOAuthScopes"] = new[] { "openid", "email" },
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["CallbackURLs"] = callbackUrls,
            ["SupportedIdentityProviders"] = new[] { "COGNITO" },
        });
        var response = await fixture.Raw.IdpAsync("CreateUserPoolClient", request, ct);
        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        return response.Json!.RootElement.GetProperty("UserPoolClient").Str("ClientId");
    }
}
