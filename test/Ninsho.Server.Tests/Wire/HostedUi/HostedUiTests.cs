using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

/// <summary>The hosted UI's authorization-code flow as a browser and an app drive it over HTTP: authorize → login
/// page → form post → redirect with the code → <c>/oauth2/token</c> (PKCE) → userInfo, refresh, revoke, logout.
/// Tokens are verified by aws-jwt-verify. Callback URLs use a custom scheme: the AWS CLI v1 would fetch an
/// http(s) parameter value (cli_follow_urlparam).</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class HostedUiTests(NinshoServerFixture fixture) : IDisposable
{
    private const string Callback = "myapp://callback";
    private const string SignOut = "myapp://signed-out";
    private const string Verifier = "a-pkce-code-verifier-that-is-long-enough-0123456789";

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private HttpClient? _browser;

    private HttpClient Browser => _browser ??= new HttpClient(
        new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies })
    { Timeout = TimeSpan.FromSeconds(30) };

    private AwsCli Cli => fixture.Cli;

    private string Base => fixture.BaseUrl.TrimEnd('/');

    public void Dispose()
    {
        _browser?.Dispose();
        _http.Dispose();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_the_login_page_and_exchange_the_code_with_pkce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAndClientAsync("hosted-ok", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "hana", ct, "Name=email,Value=hana@example.com", "Name=email_verified,Value=true", "Name=name,Value=Hana");

        var query = AuthorizeQuery(clientId, ("scope", "openid email"), ("state", "s-1"), ("nonce", "n-1"),
            ("code_challenge", Challenge(Verifier)), ("code_challenge_method", "S256"));
        using var authorize = await Browser.GetAsync($"{Base}/oauth2/authorize?{query}", ct);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var login = RawLocation(authorize)!;

        // Discovery names the endpoints this flow uses.
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync($"{Base}/{poolId}/.well-known/openid-configuration", ct));
        Assert.Equal($"{Base}/oauth2/authorize", discovery.RootElement.Str("authorization_endpoint"));
        Assert.Equal($"{Base}/oauth2/token", discovery.RootElement.Str("token_endpoint"));
        Assert.Equal($"{Base}/oauth2/userInfo", discovery.RootElement.Str("userinfo_endpoint"));
        Assert.StartsWith("/login?", login, StringComparison.Ordinal);

        var page = await GetPageAsync(login, ct);
        Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);

        // The form may go to this server, and its redirect to the callback: an app scheme has no origin a CSP host
        // source matches, so the scheme (HostedUiBrowserTests drives an http callback through Chromium).
        using (var again = await Browser.GetAsync(Base + login, ct))
        {
            Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' myapp:", again.Headers.GetValues("Content-Security-Policy").Single());
        }

        // A wrong password shows the form again, and says the same as for a user that does not exist.
        var (wrongStatus, wrongPage, _) = await PostLoginAsync(login, page, "hana", "Wrong#Pass123", ct);
        Assert.Equal(HttpStatusCode.OK, wrongStatus);
        Assert.Contains("Incorrect username or password.", wrongPage, StringComparison.Ordinal);
        var (_, nobodyPage, _) = await PostLoginAsync(login, page, "nobody", "Wrong#Pass123", ct);
        Assert.Contains("Incorrect username or password.", nobodyPage, StringComparison.Ordinal);

        var (status, _, location) = await PostLoginAsync(login, page, "hana", CliSteps.Password, ct);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var back = new Uri(location!);
        Assert.Equal(Callback, back.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        var returned = ParseQuery(back.Query);
        Assert.Equal("s-1", returned["state"]);
        var code = returned["code"];

        // With another verifier the code is refused, and not spent (HostedUiCodeTests).
        await AssertTokenErrorAsync("invalid_grant", CodeForm(clientId, code, "not-the-verifier"), ct);

        var (tokenStatus, tokens) = await PostTokenAsync("/oauth2/token", CodeForm(clientId, code, Verifier), ct);
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
        Assert.Equal(["access_token", "id_token", "refresh_token", "expires_in", "token_type"], tokens.Names());

        var access = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, tokens.Str("access_token"), "access", clientId, ct);
        Assert.Equal("openid email", access.Str("scope"));
        access.AssertNumber("version", 2);
        Assert.Equal("hana", access.Str("username"));
        var id = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, tokens.Str("id_token"), "id", clientId, ct);
        Assert.Equal("n-1", id.Str("nonce"));
        Assert.Equal(AtHash(tokens.Str("access_token")), id.Str("at_hash"));
        Assert.Equal("hana@example.com", id.Str("email"));

        // userInfo: the email scope narrows the attributes; values are strings.
        var (infoStatus, info) = await UserInfoAsync(tokens.Str("access_token"), ct);
        Assert.Equal(HttpStatusCode.OK, infoStatus);
        Assert.Equal(["sub", "email", "email_verified", "username"], info.Names());
        Assert.Equal(access.Str("sub"), info.Str("sub"));
        Assert.Equal("true", info.Str("email_verified"));
        Assert.Equal("hana", info.Str("username"));

        // The native API's tokens carry no openid scope: userInfo refuses them; the hosted UI's token lacks the
        // admin scope: GetUser refuses it.
        var native = await Cli.SignInAsync(await Cli.CreatePasswordClientAsync(poolId, ct), "hana", ct);
        var (nativeStatus, nativeError) = await UserInfoAsync(native.Str("AccessToken"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, nativeStatus);
        Assert.Equal("invalid_token", nativeError.Str("error"));
        (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("access_token")))
            .AssertError("NotAuthorizedException", "GetUser", "Access Token does not have required scopes");

        // A refresh keeps the scopes; after /oauth2/revoke the refresh token is refused.
        var refreshForm = Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens.Str("refresh_token")));
        var (refreshStatus, refreshed) = await PostTokenAsync("/oauth2/token", refreshForm, ct);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal("openid email", Jwt.Payload(refreshed.Str("access_token")).Str("scope"));

        using var revoke = await _http.PostAsync($"{Base}/oauth2/revoke", Form(("token", tokens.Str("refresh_token")), ("client_id", clientId)), ct);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("", await revoke.Content.ReadAsStringAsync(ct));
        await AssertTokenErrorAsync("invalid_grant", refreshForm, ct);
        var (jwtStatus, jwtError) = await PostTokenAsync("/oauth2/revoke", Form(("token", tokens.Str("access_token")), ("client_id", clientId)), ct);
        Assert.Equal(HttpStatusCode.BadRequest, jwtStatus);
        Assert.Equal("unsupported_token_type", jwtError.Str("error"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_bad_authorize_requests_on_a_page_or_at_the_redirect_uri()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAndClientAsync("hosted-errors", ct);

        // Nothing is redirected before the client and its redirect URI are known good.
        await AssertPageErrorAsync($"/oauth2/authorize?{AuthorizeQuery("unknown-client")}", ct);
        await AssertPageErrorAsync($"/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString("myapp://elsewhere")}", ct);
        await AssertPageErrorAsync($"/login?{AuthorizeQuery(clientId, ("redirect_uri", "myapp://elsewhere"))}", ct);

        await AssertRedirectErrorAsync("invalid_scope", AuthorizeQuery(clientId, ("scope", "openid phone"), ("state", "s-2")), "s-2", ct);
        // The implicit flow is built, but this client does not allow it.
        await AssertRedirectErrorAsync("unauthorized_client", AuthorizeQuery(clientId, ("response_type", "token")), null, ct);
        await AssertRedirectErrorAsync("unsupported_response_type", AuthorizeQuery(clientId, ("response_type", "id_token")), null, ct);
        await AssertRedirectErrorAsync("invalid_request",
            AuthorizeQuery(clientId, ("code_challenge", "abc"), ("code_challenge_method", "plain")), null, ct);
        // A provider the client does not offer: Cognito's login page with its banner (docs/federation.md).
        using (var unavailable = await Browser.GetAsync($"{Base}/oauth2/authorize?{AuthorizeQuery(clientId, ("identity_provider", "Google"))}", ct))
        {
            Assert.Equal(HttpStatusCode.OK, unavailable.StatusCode);
            Assert.Contains("Login option is not available. Please try another one", await unavailable.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }


        // A client whose OAuth settings are off.
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId,
            "--callback-urls", Callback)).Ok();
        await AssertRedirectErrorAsync("unauthorized_client", AuthorizeQuery(clientId), null, ct);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_login_form_posted_without_the_page_cookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAndClientAsync("hosted-csrf", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "kai", ct);
        var login = $"/login?{AuthorizeQuery(clientId)}";

        // A form posted from elsewhere (no cookie from the login page) gets the form back, and no code.
        using var forged = await _http.PostAsync(Base + login,
            Form(("username", "kai"), ("password", CliSteps.Password), ("_csrf", "forged")), ct);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
        Assert.Contains("session expired", await forged.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var page = await GetPageAsync(login, ct);
        var (status, _, location) = await PostLoginAsync(login, page, "kai", CliSteps.Password, ct);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith(Callback + "?code=", location, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_send_logout_to_a_registered_sign_out_url_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, clientId) = await CreatePoolAndClientAsync("hosted-logout", ct);

        using var ok = await Browser.GetAsync($"{Base}/logout?client_id={clientId}&logout_uri={Uri.EscapeDataString(SignOut)}", ct);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(SignOut, RawLocation(ok));

        // Without logout_uri, Cognito signs out and shows the login page again for redirect_uri.
        var relogin = AuthorizeQuery(clientId, ("state", "s-3"));
        using var again = await Browser.GetAsync($"{Base}/logout?{relogin}", ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/login?{relogin}", RawLocation(again));
        await AssertPageErrorAsync($"/logout?{AuthorizeQuery(clientId, ("redirect_uri", "myapp://evil"))}", ct);

        await AssertPageErrorAsync($"/logout?client_id={clientId}&logout_uri={Uri.EscapeDataString("myapp://evil")}", ct);
        await AssertPageErrorAsync($"/logout?client_id=unknown&logout_uri={Uri.EscapeDataString(SignOut)}", ct);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_let_openid_client_revoke_and_sign_out_from_discovery_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("hosted-oidc", ct);
        var clientId = (await Cli.CreateClientAsync(poolId, "web", ct, [.. CliSteps.PasswordFlows, "--allowed-o-auth-flows", "code",
            "--allowed-o-auth-scopes", "openid", "--allowed-o-auth-flows-user-pool-client", "--callback-urls", Callback,
            "--logout-urls", SignOut, "--supported-identity-providers", "COGNITO"])).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "oidc", ct);
        var tokens = await Cli.SignInAsync(clientId, "oidc", ct);

        // Cognito names /oauth2/revoke and /logout on the pool's domain; openid-client finds them only there.
        using (var discovery = JsonDocument.Parse(await _http.GetStringAsync($"{Base}/{poolId}/.well-known/openid-configuration", ct)))
        {
            Assert.Equal($"{Base}/oauth2/revoke", discovery.RootElement.Str("revocation_endpoint"));
            Assert.Equal($"{Base}/logout", discovery.RootElement.Str("end_session_endpoint"));
        }

        var report = await NodeOpenIdClient.RunAsync($"{Base}/{poolId}", clientId, tokens.Str("RefreshToken"), SignOut, ct);
        Assert.Equal($"{Base}/oauth2/revoke", report.Str("revocationEndpoint"));

        // The revocation took: the refresh token no longer refreshes.
        (await Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has been revoked");

        // The URL openid-client built signs out and goes back to the registered sign-out URL.
        var endSession = new Uri(report.Str("endSessionUrl"));
        Assert.Equal($"{Base}/logout", endSession.GetLeftPart(UriPartial.Path));
        using var logout = await Browser.GetAsync(endSession, ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(SignOut, RawLocation(logout));
    }

    private async Task<(string PoolId, string ClientId)> CreatePoolAndClientAsync(string name, CancellationToken ct)
    {
        var poolId = await Cli.CreatePoolAsync(name, ct);
        var client = await Cli.CreateClientAsync(poolId, "web", ct, "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "email", "profile",
            "--allowed-o-auth-flows-user-pool-client", "--callback-urls", Callback, "--logout-urls", SignOut, "--supported-identity-providers", "COGNITO");
        return (poolId, client.Str("ClientId"));
    }

    private static string AuthorizeQuery(string clientId, params (string Name, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = Callback,
        };
        foreach (var (name, value) in overrides)
        {
            fields[name] = value;
        }

        return string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
    }

    private async Task<string> GetPageAsync(string path, CancellationToken ct)
    {
        using var response = await Browser.GetAsync(Base + path, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return html;
    }

    private async Task<(HttpStatusCode Status, string Html, string? Location)> PostLoginAsync(
        string path, string page, string username, string password, CancellationToken ct)
    {
        var csrf = CsrfField().Match(page).Groups[1].Value;
        using var response = await Browser.PostAsync(Base + path, Form(("username", username), ("password", password), ("_csrf", csrf)), ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), RawLocation(response));
    }

    private async Task AssertPageErrorAsync(string path, CancellationToken ct)
    {
        using var response = await Browser.GetAsync(Base + path, ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("An error was encountered", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    private async Task AssertRedirectErrorAsync(string error, string query, string? state, CancellationToken ct)
    {
        using var response = await Browser.GetAsync($"{Base}/oauth2/authorize?{query}", ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(RawLocation(response)!);
        Assert.Equal(Callback, location.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        var fields = ParseQuery(location.Query);
        Assert.Equal(error, fields["error"]);
        Assert.Equal(state, fields.GetValueOrDefault("state"));
        Assert.False(fields.ContainsKey("code"));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenAsync(string path, HttpContent form, CancellationToken ct)
    {
        using var response = await _http.PostAsync(Base + path, form, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone());
    }

    private async Task AssertTokenErrorAsync(string error, HttpContent form, CancellationToken ct)
    {
        var (status, body) = await PostTokenAsync("/oauth2/token", form, ct);
        Assert.Equal(error, body.TryGetProperty("error", out var e) ? e.GetString() : body.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UserInfoAsync(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/oauth2/userInfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone());
    }

    // The header as sent: HttpClient's Uri would add a '/' after a custom scheme's host.
    private static string? RawLocation(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.Single() : null;

    private static FormUrlEncodedContent CodeForm(string clientId, string code, string verifier) => Form(
        ("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", Callback), ("code_verifier", verifier));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    // OIDC Core §3.1.3.6: the left half of the access token's SHA-256, base64url.
    private static string AtHash(string accessToken) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();
}
