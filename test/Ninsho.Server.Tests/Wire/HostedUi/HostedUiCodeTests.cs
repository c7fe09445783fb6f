using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Authorization codes and domain routes under misuse, over raw HTTP: a code is checked (client,
/// redirect_uri, PKCE verifier) before it is spent; a code presented again revokes the refresh token it gave
/// (and so the access tokens minted from it); a domain's routes refuse another pool's client and tokens.</summary>
public sealed partial class HostedUiTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_not_spend_a_code_presented_with_the_wrong_client_redirect_uri_or_verifier()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAndClientAsync("code-checks", ct);
        var (_, otherClientId) = await CreatePoolAndClientAsync("code-checks-other", ct);
        var sibling = (await Cli.CreateClientAsync(poolId, "web-2", ct, "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid",
            "--allowed-o-auth-flows-user-pool-client", "--callback-urls", Callback, "--supported-identity-providers", "COGNITO")).Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ren", ct);
        var code = await SignInForCodeAsync(clientId, "ren", ("code_challenge", Challenge(Verifier)), ("code_challenge_method", "S256"));

        // Someone holding the code but not the verifier, or presenting it for another client or callback, is
        // refused, and the code stays good for the app.
        await AssertTokenErrorAsync("invalid_grant", CodeForm(clientId, code, "not-the-verifier"), ct);
        await AssertTokenErrorAsync("invalid_grant", Form(("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", Callback)), ct);
        await AssertTokenErrorAsync("invalid_grant", Form(("grant_type", "authorization_code"), ("client_id", clientId), ("code", code),
            ("redirect_uri", "myapp://elsewhere"), ("code_verifier", Verifier)), ct);
        await AssertTokenErrorAsync("invalid_grant", CodeForm(sibling, code, Verifier), ct);
        await AssertTokenErrorAsync("invalid_grant", CodeForm(otherClientId, code, Verifier), ct);

        var (status, tokens) = await PostTokenAsync("/oauth2/token", CodeForm(clientId, code, Verifier), ct);
        Assert.True(status == HttpStatusCode.OK, tokens.GetRawText());
        Assert.Equal("ren", Jwt.Payload(tokens.Str("access_token")).Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_revoke_the_tokens_of_a_code_that_is_presented_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await CreatePoolAndClientAsync("code-replay", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "sora", ct);
        var code = await SignInForCodeAsync(clientId, "sora");
        var form = Form(("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", Callback));
        var (status, tokens) = await PostTokenAsync("/oauth2/token", form, ct);
        Assert.True(status == HttpStatusCode.OK, tokens.GetRawText());
        var refreshForm = Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens.Str("refresh_token")));
        var (refreshStatus, _) = await PostTokenAsync("/oauth2/token", refreshForm, ct);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(tokens.Str("access_token"), ct)).Status);

        // RFC 6749 §4.1.2: the code was stolen or replayed; what it gave is revoked.
        await AssertTokenErrorAsync("invalid_grant", Form(("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", Callback)), ct);
        await AssertTokenErrorAsync("invalid_grant", Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens.Str("refresh_token"))), ct);
        var (infoStatus, info) = await UserInfoAsync(tokens.Str("access_token"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, infoStatus);
        Assert.Equal("invalid_token", info.Str("error"));
    }

    /// <summary>Scopes too long for a sealed refresh token (docs/cognito-behaviour.md#refresh-tokens): the sign-in is
    /// given a stored random one instead, which refreshes with every scope and is revoked like any other.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refresh_and_revoke_when_the_granted_scopes_are_too_long_to_seal()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("code-long-scopes", ct);
        var api = "orders." + new string('r', 200); // not a URL: the AWS CLI v1 would fetch one
        var names = Enumerable.Range(0, 10).Select(i => $"scope{i:D2}").ToArray();
        (await Cli.CognitoIdpAsync(ct, ["create-resource-server", "--user-pool-id", poolId, "--identifier", api, "--name", "api", "--scopes",
            .. names.Select(n => $"ScopeName={n},ScopeDescription=d")])).Ok();
        var scopes = names.Select(n => $"{api}/{n}").ToArray();
        var client = await Cli.CreateClientAsync(poolId, "web", ct, ["--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", .. scopes,
            "--allowed-o-auth-flows-user-pool-client", "--callback-urls", Callback, "--supported-identity-providers", "COGNITO"]);
        var clientId = client.Str("ClientId");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "kai", ct);
        var granted = string.Join(' ', ["openid", .. scopes]);
        Assert.True(granted.Length > 2048, "the scopes must not fit a seal");

        var code = await SignInForCodeAsync(clientId, "kai", ("scope", granted));
        var (status, tokens) = await PostTokenAsync("/oauth2/token", Form(
            ("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", Callback)), ct);
        Assert.True(status == HttpStatusCode.OK, tokens.GetRawText());
        var refreshForm = Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens.Str("refresh_token")));
        var (refreshStatus, refreshed) = await PostTokenAsync("/oauth2/token", refreshForm, ct);
        Assert.True(refreshStatus == HttpStatusCode.OK, refreshed.GetRawText());
        Assert.Equal(granted.Split(' ').Order(StringComparer.Ordinal), Jwt.Payload(refreshed.Str("access_token")).Str("scope").Split(' ').Order(StringComparer.Ordinal));

        using var revoke = await _http.PostAsync($"{Base}/oauth2/revoke", Form(("token", tokens.Str("refresh_token")), ("client_id", clientId)), ct);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertTokenErrorAsync("invalid_grant", Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens.Str("refresh_token"))), ct);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_another_pools_client_and_token_at_a_domain_route()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolA, clientA) = await CreatePoolAndClientAsync("domain-a", ct);
        var (poolB, _) = await CreatePoolAndClientAsync("domain-b", ct);
        var domainA = "da-" + poolA.Split('_')[1].ToLowerInvariant();
        var domainB = "db-" + poolB.Split('_')[1].ToLowerInvariant();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolA, "--domain", domainA)).Ok();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolB, "--domain", domainB)).Ok();
        _ = await Cli.CreateConfirmedUserAsync(poolA, "yui", ct);
        var code = await SignInForCodeAsync(clientA, "yui");
        var (status, tokens) = await PostTokenAsync($"/domain/{domainA}/oauth2/token",
            Form(("grant_type", "authorization_code"), ("client_id", clientA), ("code", code), ("redirect_uri", Callback)), ct);
        Assert.True(status == HttpStatusCode.OK, tokens.GetRawText());
        var access = tokens.Str("access_token");

        // userInfo: pool A's token at its own domain, not at pool B's, nor at a domain nobody has.
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAtAsync($"/domain/{domainA}", access, ct)).Status);
        foreach (var wrong in new[] { domainB, "no-such-domain-" + domainA })
        {
            var (wrongStatus, wrongBody) = await UserInfoAtAsync($"/domain/{wrong}", access, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
            Assert.Equal("invalid_token", wrongBody.Str("error"));
        }

        // logout: pool A's client at pool B's domain is an invalid client_id.
        var logout = $"logout?client_id={clientA}&logout_uri={Uri.EscapeDataString(SignOut)}";
        using (var ok = await Browser.GetAsync($"{Base}/domain/{domainA}/{logout}", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        await AssertPageErrorAsync($"/domain/{domainB}/{logout}", ct);
        await AssertPageErrorAsync($"/domain/{domainB}/logout?{AuthorizeQuery(clientA)}", ct);

        // token, revoke, authorize and login already named the pool by the client; they stay refused.
        var (tokenStatus, tokenError) = await PostTokenAsync($"/domain/{domainB}/oauth2/token",
            Form(("grant_type", "refresh_token"), ("client_id", clientA), ("refresh_token", tokens.Str("refresh_token"))), ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client"), (tokenStatus, tokenError.Str("error")));
        var (revokeStatus, revokeError) = await PostTokenAsync($"/domain/{domainB}/oauth2/revoke",
            Form(("token", tokens.Str("refresh_token")), ("client_id", clientA)), ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client"), (revokeStatus, revokeError.Str("error")));
        await AssertPageErrorAsync($"/domain/{domainB}/oauth2/authorize?{AuthorizeQuery(clientA)}", ct);
        await AssertPageErrorAsync($"/domain/{domainB}/login?{AuthorizeQuery(clientA)}", ct);
    }

    /// <summary>Signs the user in through the login page of the default routes and returns the code.</summary>
    private async Task<string> SignInForCodeAsync(string clientId, string username, params (string Name, string Value)[] extra)
    {
        var ct = TestContext.Current.CancellationToken;
        var login = $"/login?{AuthorizeQuery(clientId, [("scope", "openid"), .. extra])}";
        var page = await GetPageAsync(login, ct);
        var (status, html, location) = await PostLoginAsync(login, page, username, CliSteps.Password, ct);
        Assert.True(status == HttpStatusCode.Redirect, html);
        return ParseQuery(new Uri(location!).Query)["code"];
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UserInfoAtAsync(string basePath, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}{basePath}/oauth2/userInfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone());
    }
}
