using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiBrowserSetup;

namespace Ninsho.Server.Tests;

/// <summary>The authorize parameters in headless Chromium, next to an app on a loopback callback: <c>prompt=none</c>
/// (no session: <c>login_required</c>; a session: a code), <c>prompt=login</c> (the form despite the session),
/// <c>login_hint</c> (the username filled in), <c>lang</c> (accepted), and the code flow with PKCE S256 and a nonce
/// redeemed by openid-client, which verifies the ID token and its nonce (PKCE <c>plain</c> is refused).</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiParametersBrowserTests(NinshoServerFixture fixture)
{
    private string Base => fixture.BaseUrl.TrimEnd('/');

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_honour_prompt_none_and_login_and_fill_in_the_login_hint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var poolId = await fixture.Cli.CreatePoolAsync("browser-prompt", ct);
        var client = await CreateClientAsync(fixture, poolId, [callback.Url], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "kai", ct);

        var report = await RunAsync(nameof(Does_honour_prompt_none_and_login_and_fill_in_the_login_hint), [
            Goto(Authorize(Base, client, callback.Url, "none-1", ("prompt", "none"))),
            WaitForUrl(callback.Url),
            Goto(Authorize(Base, client, callback.Url, "hint", ("login_hint", "kai"), ("lang", "ja"))),
            WaitForUrl($"{Base}/login?"),
            Value("#username"),
            Screenshot("login-hint"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
            Goto(Authorize(Base, client, callback.Url, "login", ("prompt", "login"))),
            WaitForUrl($"{Base}/login?"),
            Screenshot("prompt-login"),
            Value("#username"),
            Goto(Authorize(Base, client, callback.Url, "none-2", ("prompt", "none"))),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        Assert.Equal(["kai", ""], report.Texts);
        var none = await NextAsync(callback, ct);
        Assert.Equal("login_required", none["error"]);
        Assert.Equal("none-1", none["state"]);
        Assert.False(none.ContainsKey("code"));
        var hinted = await NextAsync(callback, ct);
        Assert.Equal("hint", hinted["state"]);
        Assert.Matches("^[0-9a-f-]{36}$", hinted["code"]);
        var silent = await NextAsync(callback, ct);
        Assert.Equal("none-2", silent["state"]);
        Assert.Matches("^[0-9a-f-]{36}$", silent["code"]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_give_openid_client_a_verified_id_token_with_the_nonce_through_pkce_s256()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var poolId = await fixture.Cli.CreatePoolAsync("browser-rp", ct);
        var client = await CreateClientAsync(fixture, poolId, [callback.Url], ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "yui", ct);
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var nonce = "n-" + Guid.NewGuid().ToString("N");
        var state = "st-" + Guid.NewGuid().ToString("N");

        var report = await RunAsync(nameof(Does_give_openid_client_a_verified_id_token_with_the_nonce_through_pkce_s256), [
            // Cognito takes S256 only: plain goes back to the app as invalid_request.
            Goto(Authorize(Base, client, callback.Url, "plain", ("code_challenge", verifier), ("code_challenge_method", "plain"))),
            WaitForUrl(callback.Url),
            Goto(Authorize(Base, client, callback.Url, state, ("scope", "openid email"), ("nonce", nonce),
                ("code_challenge", challenge), ("code_challenge_method", "S256"))),
            .. SignIn("yui"),
            WaitForUrl(callback.Url),
            Screenshot("landing"),
        ], ct, stepTimeoutMs: 10_000);

        AssertPassedWithoutCspViolation(report);
        var plain = await NextAsync(callback, ct);
        Assert.Equal("invalid_request", plain["error"]);
        Assert.Equal("plain", plain["state"]);
        var landed = await NextAsync(callback, ct);
        Assert.Equal(state, landed["state"]);

        var callbackUrl = callback.Url + "?" + string.Join('&', landed.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var redeemed = await NodeRelyingParty.RedeemAsync($"{Base}/{poolId}", client, callbackUrl, verifier, nonce, state, ct);
        var claims = redeemed.GetProperty("claims");
        Assert.Equal(nonce, claims.Str("nonce"));
        Assert.Equal("yui", claims.Str("cognito:username"));
        Assert.Equal(client, claims.Str("aud"));
        Assert.False(string.IsNullOrEmpty(redeemed.Str("refreshToken")));
        Assert.Equal("openid email", Jwt.Payload(redeemed.Str("accessToken")).Str("scope"));
    }
}
