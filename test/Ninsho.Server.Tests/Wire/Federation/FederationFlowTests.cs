using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>The federated sign-in's edges over raw HTTP (docs/federation.md): what Ninsho sends the provider, that
/// the provider's answer counts only in the browser that started the sign-in and only with a state Ninsho sealed,
/// and that a provider's refusal goes back to the app.</summary>
public sealed class FederationFlowTests : IClassFixture<FederationServerFixture>, IDisposable
{
    private const string Callback = "https://app.example.com/callback";
    private readonly FederationServerFixture _fixture;
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false };
    private readonly HttpClient _http;

    public FederationFlowTests(FederationServerFixture fixture)
    {
        _fixture = fixture;
        _http = new HttpClient(_handler);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_send_the_provider_a_sealed_state_and_a_nonce_and_take_its_answer_only_in_the_same_browser()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = _fixture.Cli;
        var pool = await cli.CreatePoolAsync("fed-flow", ct);
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = OidcIdp.ClientId,
            ["client_secret"] = OidcIdp.ClientSecret,
            ["attributes_request_method"] = "GET",
            ["oidc_issuer"] = _fixture.Idp.Issuer,
            ["authorize_scopes"] = "openid email",
        });
        (await cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "FlowIdp",
            "--provider-type", "OIDC", "--provider-details", details)).Ok();
        var client = (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", pool, "--client-name", "app",
            "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "--allowed-o-auth-flows-user-pool-client",
            "--callback-urls", JsonSerializer.Serialize(new[] { Callback }), "--supported-identity-providers", "COGNITO", "FlowIdp"))
            .Ok().Prop("UserPoolClient").Str("ClientId");
        var authorize = $"{_fixture.Server.BaseUrl}/oauth2/authorize?response_type=code&client_id={client}" +
            $"&redirect_uri={Uri.EscapeDataString(Callback)}&state=app-state&identity_provider=FlowIdp&login_hint=kenji";

        using var start = await _http.GetAsync(new Uri(authorize), ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(_fixture.Idp.Issuer + "/o/oauth2/v2/auth?", location.AbsoluteUri, StringComparison.Ordinal);
        var sent = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(OidcIdp.ClientId, sent["client_id"]);
        Assert.Equal($"{_fixture.Server.BaseUrl}/oauth2/idpresponse", sent["redirect_uri"]);
        Assert.Equal("code", sent["response_type"]);
        Assert.Equal("openid email", sent["scope"]);
        Assert.Equal("kenji", sent["login_hint"]);
        Assert.Matches("^[0-9a-f]{32}$", sent["nonce"]);
        Assert.NotEqual("app-state", sent["state"]);
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ninsho-federation=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var cookiePair = cookie.Split(';')[0];
        var idpresponse = $"{_fixture.Server.BaseUrl}/oauth2/idpresponse?state={Uri.EscapeDataString(sent["state"]!)}";

        // Without the cookie (another browser) or with a state Ninsho did not seal: an error page, never the app.
        using (var other = await _http.GetAsync(new Uri(idpresponse + "&code=stolen"), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        }

        using (var forged = new HttpRequestMessage(HttpMethod.Get, $"{_fixture.Server.BaseUrl}/oauth2/idpresponse?state=forged&code=x"))
        {
            forged.Headers.Add("Cookie", cookiePair);
            using var answer = await _http.SendAsync(forged, ct);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        // The provider's refusal goes back to the app, with the app's state.
        using var refused = new HttpRequestMessage(HttpMethod.Get, idpresponse + "&error=access_denied&error_description=cancelled");
        refused.Headers.Add("Cookie", cookiePair);
        using var back = await _http.SendAsync(refused, ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var app = System.Web.HttpUtility.ParseQueryString(back.Headers.Location!.Query);
        Assert.StartsWith(Callback + "?", back.Headers.Location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("access_denied", app["error"]);
        Assert.Equal("app-state", app["state"]);

        // A bad code at the provider's token endpoint: invalid_request naming the provider's error.
        using var badCode = new HttpRequestMessage(HttpMethod.Get, idpresponse + "&code=not-a-code");
        badCode.Headers.Add("Cookie", cookiePair);
        using var failed = await _http.SendAsync(badCode, ct);
        var failure = System.Web.HttpUtility.ParseQueryString(failed.Headers.Location!.Query);
        Assert.Equal("invalid_request", failure["error"]);
        Assert.Equal("FlowIdp Error - 400 error getting token", failure["error_description"]);
    }
}
