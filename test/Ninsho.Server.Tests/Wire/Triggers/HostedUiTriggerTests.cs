using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.TriggerWireSteps;

namespace Ninsho.Server.Tests;

/// <summary>Triggers on the hosted UI as a person meets them, in headless Chromium (docs/triggers.md): a
/// PreAuthentication refusal is shown above the login form, and the authorization-code exchange that follows a
/// sign-in runs PreTokenGeneration with <c>TokenGeneration_HostedAuth</c>, whose claim the tokens carry.</summary>
public sealed class HostedUiTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_show_a_pre_authentication_refusal_on_the_login_page_and_run_pre_token_generation_at_the_code_exchange()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        using var callback = new LoopbackCallback();
        var (pool, _) = await PoolAsync(cli, PreTokenConfig("V2_0", "pretoken-add-claim", "PreAuthentication", "preauth-pause"), "alice@example.com", ct);
        _ = await cli.CreateConfirmedUserAsync(pool, "paula", ct, "Name=email,Value=paula@paused.example");
        var prefix = "trig-" + pool.Split('_')[1].ToLowerInvariant();
        (await cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", prefix)).Ok();
        var baseUrl = fixture.Server.BaseUrl.TrimEnd('/');
        var (client, authorize) = await HostedClientAsync(cli, pool, callback, $"{baseUrl}/domain/{prefix}", "st-trig", ct);

        var refusal = await RefusalOnTheLoginPageAsync(nameof(Does_show_a_pre_authentication_refusal_on_the_login_page_and_run_pre_token_generation_at_the_code_exchange), authorize, callback, ct);
        Assert.Equal("PreAuthentication failed with error Sign-in is paused for this account.", refusal);
        var query = await SignInOnTheLoginPageAsync(nameof(Does_show_a_pre_authentication_refusal_on_the_login_page_and_run_pre_token_generation_at_the_code_exchange), authorize, callback, ct);

        using var http = new HttpClient();
        using var token = await http.PostAsync(new Uri($"{baseUrl}/domain/{prefix}/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = client,
            ["code"] = query["code"],
            ["redirect_uri"] = callback.Url,
        }), ct);
        var body = await token.Content.ReadAsStringAsync(ct);
        Assert.True(token.StatusCode == HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        Assert.Equal("acme", Jwt.Payload(tokens.RootElement.Str("id_token")).Str("tenant"));
        Assert.Equal("acme", Jwt.Payload(tokens.RootElement.Str("access_token")).Str("tenant"));

        var sources = (await InvocationsAsync(fixture.Server, pool, ct)).Select(l => l.Str("TriggerSource")).ToList();
        Assert.Equal(["PreAuthentication_Authentication", "PreAuthentication_Authentication", "TokenGeneration_HostedAuth"], sources);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_post_authentication_when_the_login_page_signs_in_and_show_its_refusal()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        using var callback = new LoopbackCallback();
        var (pool, _) = await PoolAsync(cli, Config("PostAuthentication", "postauth-pause"), "alice@example.com", ct);
        _ = await cli.CreateConfirmedUserAsync(pool, "paula", ct, "Name=email,Value=paula@paused.example");
        var (client, authorize) = await HostedClientAsync(cli, pool, callback, fixture.Server.BaseUrl.TrimEnd('/'), "st-post", ct);

        var refusal = await RefusalOnTheLoginPageAsync(nameof(Does_run_post_authentication_when_the_login_page_signs_in_and_show_its_refusal), authorize, callback, ct);
        Assert.Equal("PostAuthentication failed with error Account under review.", refusal);
        var query = await SignInOnTheLoginPageAsync(nameof(Does_run_post_authentication_when_the_login_page_signs_in_and_show_its_refusal), authorize, callback, ct);
        Assert.Equal("st-post", query["state"]);

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PostAuthentication_Authentication", "PostAuthentication_Authentication"], logged.Select(l => l.Str("TriggerSource")));
        Assert.Equal(client, logged[1].GetProperty("Event").GetProperty("callerContext").Str("clientId"));
    }

    /// <summary>A code-flow client of <paramref name="pool"/> calling back to <paramref name="callback"/>, and its
    /// authorize URL under <paramref name="hostedUi"/> (the server, or one of its pool domains).</summary>
    private static async Task<(string Client, string Authorize)> HostedClientAsync(
        AwsCli cli, string pool, LoopbackCallback callback, string hostedUi, string state, CancellationToken ct)
    {
        var client = (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", pool, "--client-name", "hosted",
            "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "email", "--allowed-o-auth-flows-user-pool-client",
            // As a JSON list: the aws CLI would fetch a bare http:// value as the parameter's content.
            "--callback-urls", JsonSerializer.Serialize(new[] { callback.Url }), "--supported-identity-providers", "COGNITO")).Ok().Prop("UserPoolClient").Str("ClientId");
        return (client, $"{hostedUi}/oauth2/authorize?response_type=code&client_id={client}" +
            $"&redirect_uri={Uri.EscapeDataString(callback.Url)}&state={state}&scope=openid");
    }

    /// <summary>The paused user <c>paula</c> types her password on the login page: the message the page shows; the app
    /// is not called back.</summary>
    private static async Task<string?> RefusalOnTheLoginPageAsync(string test, string authorize, LoopbackCallback callback, CancellationToken ct)
    {
        var refused = await RunAsync(test + "-refused", [
            Goto(authorize),
            Fill("#username", "paula"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            Text("p.error"),
            Screenshot("refused"),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(refused.Ok, refused.Describe());
        Assert.False(callback.TryTake(out _), "a refused sign-in reached the callback");
        return refused.Texts.Single();
    }

    /// <summary><c>alice</c> signs in on the login page: the query the app's callback received.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SignInOnTheLoginPageAsync(
        string test, string authorize, LoopbackCallback callback, CancellationToken ct)
    {
        var signedIn = await RunAsync(test, [
            Goto(authorize),
            Fill("#username", "alice"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        Assert.True(signedIn.Ok, signedIn.Describe());
        Assert.True(callback.TryTake(out var query), "the callback received no request");
        return query!;
    }
}
