using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;

namespace Ninsho.Server.Tests;

/// <summary>One Ninsho server for the federation tests, started after a real OpenID provider
/// (<see cref="OidcIdp"/>, npm's oidc-provider) and a Lambda host: the server's <c>--federation-endpoint
/// Google=…</c> points Google at the provider, which serves Google's paths.</summary>
public sealed class FederationServerFixture : IAsyncLifetime
{
    private OidcIdp? _idp;
    private SocialStandIn? _social;
    private LambdaHost? _lambda;
    private NinshoProcess? _server;

    public OidcIdp Idp => _idp ?? throw new InvalidOperationException("not started");

    public SocialStandIn Social => _social ?? throw new InvalidOperationException("not started");

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("not started");

    public AwsCli Cli => new(Server.BaseUrl);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _idp = await OidcIdp.StartAsync(ct);
        _social = await SocialStandIn.StartAsync(ct);
        _lambda = await LambdaHost.StartAsync(ct);
        _server = await NinshoProcess.StartAsync(ct, "--lambda-endpoint", _lambda.BaseUrl, "--federation-endpoint", $"Google={_idp.Issuer}",
            "--federation-endpoint", $"Facebook={_social.BaseUrl}", "--federation-endpoint", $"LoginWithAmazon={_social.BaseUrl}",
            "--federation-endpoint", $"SignInWithApple={_social.BaseUrl}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_lambda is not null)
        {
            await _lambda.DisposeAsync();
        }

        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }

        if (_social is not null)
        {
            await _social.DisposeAsync();
        }
    }
}

/// <summary>Federated sign-in through the hosted UI in headless Chromium (docs/federation.md): the browser goes from
/// <c>/oauth2/authorize</c> to another identity provider, types that provider's credentials, comes back through
/// <c>/oauth2/idpresponse</c> and lands on the app's callback with Ninsho's code. The providers: a real OpenID
/// provider from npm (<c>oidc-provider</c>), a second Ninsho pool, and Google pointed at a local stand-in. Each test
/// then redeems the code and checks the pool's user (admin-get-user) and the tokens' <c>identities</c> claim.</summary>
public sealed class FederationBrowserTests(FederationServerFixture fixture) : IClassFixture<FederationServerFixture>
{
    private AwsCli Cli => fixture.Cli;

    private string Base => fixture.Server.BaseUrl;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_an_oidc_provider_create_the_external_provider_user_and_update_it_at_the_next_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-oidc", ct);
        await CreateOidcProviderAsync(pool, "LocalIdp", fixture.Idp.Issuer, "GET", ct);
        var client = await CodeClientAsync(pool, callback.Url, ["COGNITO", "LocalIdp"], ct);

        var name = nameof(Does_sign_in_through_an_oidc_provider_create_the_external_provider_user_and_update_it_at_the_next_sign_in);
        var first = await RunAsync(name, [
            Goto(Authorize(prefix, client, callback.Url, "st-fed-1") + "&identity_provider=LocalIdp"),
            Screenshot("idp-login"),
            .. IdpLogin("kenji"),
            WaitForUrl(callback.Url),
            Screenshot("landing"),
        ], ct);
        Assert.True(first.Ok, first.Describe() + "\n" + fixture.Server.RecentOutput);
        var query = await callback.NextAsync(ct);
        Assert.Equal("st-fed-1", query["state"]);

        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(query), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal("LocalIdp_kenji", id.Str("cognito:username"));
        Assert.Equal("kenji@idp.example", id.Str("email"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal("kenji", identity.Str("userId"));
        Assert.Equal("LocalIdp", identity.Str("providerName"));
        Assert.Equal("OIDC", identity.Str("providerType"));
        Assert.Equal("true", identity.Str("primary"));
        Assert.Matches("^[0-9]{13}$", identity.Str("dateCreated"));
        Assert.Equal("LocalIdp_kenji", Jwt.Payload(tokens.Str("access_token")).Str("username"));
        Assert.Equal($"{pool}_LocalIdp", Assert.Single(id.GetProperty("cognito:groups").EnumerateArray()).GetString());

        var user = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "LocalIdp_kenji")).Ok();
        Assert.Equal("EXTERNAL_PROVIDER", user.Str("UserStatus"));
        var attributes = Attributes(user);
        Assert.Equal("Kenji IdP", attributes["name"]);
        Assert.Equal("true", attributes["email_verified"]);
        Assert.NotEqual("kenji", attributes["sub"]);
        using (var identities = JsonDocument.Parse(attributes["identities"]))
        {
            var stored = Assert.Single(identities.RootElement.EnumerateArray());
            Assert.Equal("kenji", stored.Str("userId"));
            Assert.Equal(JsonValueKind.True, stored.GetProperty("primary").ValueKind);
            Assert.Equal(JsonValueKind.Number, stored.GetProperty("dateCreated").ValueKind);
        }

        // The next sign-in, from the login page's button, writes the mapped attributes again.
        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", pool, "--username", "LocalIdp_kenji",
            "--user-attributes", "Name=name,Value=Changed")).OkEmpty();
        var second = await RunAsync(name + "-button", [
            Goto(Authorize(prefix, client, callback.Url, "st-fed-2")),
            Screenshot("login-page"),
            Click("a[data-provider=LocalIdp]"),
            .. IdpLogin("kenji"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(second.Ok, second.Describe() + "\n" + fixture.Server.RecentOutput);
        Assert.Equal("st-fed-2", (await callback.NextAsync(ct))["state"]);
        var again = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "LocalIdp_kenji")).Ok();
        Assert.Equal("Kenji IdP", Attributes(again)["name"]);
        Assert.Equal(attributes["sub"], Attributes(again)["sub"]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_a_user_linked_by_admin_link_provider_for_user_as_the_native_user()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-link", ct);
        await CreateOidcProviderAsync(pool, "CorpIdp", fixture.Idp.Issuer, "POST", ct, "--idp-identifiers", "corp.example");
        var client = await CodeClientAsync(pool, callback.Url, ["COGNITO", "CorpIdp"], ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "nora", ct, "Name=email,Value=nora@native.example");
        (await Cli.CognitoIdpAsync(ct, "admin-link-provider-for-user", "--user-pool-id", pool,
            "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=nora",
            "--source-user", "ProviderName=CorpIdp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=nora-at-corp")).OkEmpty();

        var report = await RunAsync(nameof(Does_sign_in_a_user_linked_by_admin_link_provider_for_user_as_the_native_user), [
            Goto(Authorize(prefix, client, callback.Url, "st-link") + "&idp_identifier=corp.example"),
            .. IdpLogin("nora-at-corp"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput);
        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(await callback.NextAsync(ct)), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal("nora", id.Str("cognito:username"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal("nora-at-corp", identity.Str("userId"));
        Assert.Equal("false", identity.Str("primary"));

        // No federated user was created beside the native one.
        var users = (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", pool)).Ok().GetProperty("Users").EnumerateArray().ToList();
        Assert.Equal("nora", Assert.Single(users).Str("Username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_a_second_ninsho_pool_acting_as_the_oidc_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-rp", ct);
        var (idpPool, idpPrefix) = await PoolWithDomainAsync("fed-op", ct);
        var idpresponse = $"{Base}/domain/{prefix}/oauth2/idpresponse";
        var upstream = (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", idpPool, "--client-name", "downstream-pool",
            "--generate-secret", "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "email", "profile",
            "--allowed-o-auth-flows-user-pool-client", "--callback-urls", JsonSerializer.Serialize(new[] { idpresponse }),
            "--supported-identity-providers", "COGNITO")).Ok().Prop("UserPoolClient");
        _ = await Cli.CreateConfirmedUserAsync(idpPool, "sora", ct, "Name=email,Value=sora@upstream.example", "Name=email_verified,Value=true");
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = upstream.Str("ClientId"),
            ["client_secret"] = upstream.Str("ClientSecret"),
            ["attributes_request_method"] = "GET",
            ["oidc_issuer"] = $"{Base}/{idpPool}",
            ["authorize_scopes"] = "openid email",
        });
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "UpstreamPool",
            "--provider-type", "OIDC", "--provider-details", details,
            "--attribute-mapping", """{"email":"email","email_verified":"email_verified"}""")).Ok();
        var client = await CodeClientAsync(pool, callback.Url, ["UpstreamPool"], ct);

        var report = await RunAsync(nameof(Does_sign_in_through_a_second_ninsho_pool_acting_as_the_oidc_provider), [
            Goto(Authorize(prefix, client, callback.Url, "st-pool") + "&identity_provider=UpstreamPool"),
            WaitForUrl($"{Base}/login"),
            Screenshot("upstream-login"),
            Fill("#username", "sora"),
            Fill("#password", CliSteps.Password),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput);
        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(await callback.NextAsync(ct)), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        var upstreamSub = Attributes((await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", idpPool, "--username", "sora")).Ok())["sub"];
        Assert.Equal($"UpstreamPool_{upstreamSub}", id.Str("cognito:username"));
        Assert.Equal("sora@upstream.example", id.Str("email"));
        Assert.Equal("UpstreamPool", Assert.Single(id.GetProperty("identities").EnumerateArray()).Str("providerName"));
        var user = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", $"UpstreamPool_{upstreamSub}")).Ok();
        Assert.Equal("EXTERNAL_PROVIDER", user.Str("UserStatus"));
        _ = idpPrefix;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_google_pointed_at_a_local_stand_in_and_run_pre_sign_up_and_pre_token_generation()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-google", ct,
            "--lambda-config", TriggerWireSteps.PreTokenConfig("V2_0", "pretoken-add-claim", "PreSignUp", "presignup-autoconfirm"));
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = OidcIdp.ClientId,
            ["client_secret"] = OidcIdp.ClientSecret,
            ["authorize_scopes"] = "openid email profile",
        });
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Google",
            "--provider-type", "Google", "--provider-details", details,
            "--attribute-mapping", """{"email":"email","email_verified":"email_verified","given_name":"given_name"}""")).Ok();
        var client = await CodeClientAsync(pool, callback.Url, ["Google"], ct);

        var report = await RunAsync(nameof(Does_sign_in_through_google_pointed_at_a_local_stand_in_and_run_pre_sign_up_and_pre_token_generation), [
            Goto(Authorize(prefix, client, callback.Url, "st-google") + "&identity_provider=Google"),
            WaitForUrl(fixture.Idp.Issuer),
            Screenshot("google-stand-in"),
            .. IdpLogin("1098765"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput);
        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(await callback.NextAsync(ct)), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal("Google_1098765", id.Str("cognito:username"));
        Assert.Equal("1098765", id.Str("given_name"));
        Assert.Equal("acme", id.Str("tenant"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal("Google", identity.Str("providerType"));
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("issuer").ValueKind);

        var invocations = await TriggerWireSteps.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PreSignUp_ExternalProvider", "TokenGeneration_HostedAuth"], invocations.Select(i => i.Str("TriggerSource")));
        var presignup = invocations[0].GetProperty("Event");
        Assert.Equal("Google_1098765", presignup.Str("userName"));
        Assert.Equal(client, presignup.GetProperty("callerContext").Str("clientId"));
        Assert.Equal("1098765@idp.example", presignup.GetProperty("request").GetProperty("userAttributes").Str("email"));
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("Facebook", "fbmika", "mika@facebook.example")]
    [InlineData("LoginWithAmazon", "amzn1.account.mika", "mika@amazon.example")]
    public async Task Does_sign_in_through_a_social_provider_without_id_tokens_pointed_at_a_local_stand_in(string type, string subject, string email)
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-" + type.ToLowerInvariant(), ct);
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = SocialStandIn.ClientId,
            ["client_secret"] = SocialStandIn.ClientSecret,
            ["authorize_scopes"] = type == "Facebook" ? "public_profile,email" : "profile",
        });
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", type,
            "--provider-type", type, "--provider-details", details, "--attribute-mapping", """{"email":"email","name":"name"}""")).Ok();
        var client = await CodeClientAsync(pool, callback.Url, [type], ct);

        var report = await RunAsync($"{nameof(Does_sign_in_through_a_social_provider_without_id_tokens_pointed_at_a_local_stand_in)}-{type}", [
            Goto(Authorize(prefix, client, callback.Url, "st-" + type) + "&identity_provider=" + type),
            WaitForUrl(fixture.Social.BaseUrl),
            Screenshot("stand-in"),
            Fill("input[name=login]", "mika"),
            Fill("input[name=password]", "any-password"),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput);
        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(await callback.NextAsync(ct)), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal($"{type}_{subject}", id.Str("cognito:username"));
        Assert.Equal(email, id.Str("email"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal(subject, identity.Str("userId"));
        Assert.Equal(type, identity.Str("providerType"));
        Assert.Equal("EXTERNAL_PROVIDER",
            (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", $"{type}_{subject}")).Ok().Str("UserStatus"));
    }

    /// <summary>Apple: the client secret is an ES256 JWT Ninsho signs with the provider's private key (the stand-in
    /// refuses anything else), the answer comes back as a form POST with the <c>user</c> field, and the ID token is
    /// verified against the JWKS Apple's discovery names.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_sign_in_with_apple_pointed_at_a_local_stand_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("fed-apple", ct);
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = SocialStandIn.ClientId,
            ["team_id"] = SocialStandIn.AppleTeamId,
            ["key_id"] = SocialStandIn.AppleKeyId,
            ["private_key"] = SocialStandIn.ApplePrivateKeyPem,
            ["authorize_scopes"] = "email name",
        });
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "SignInWithApple",
            "--provider-type", "SignInWithApple", "--provider-details", details,
            "--attribute-mapping", """{"email":"email","given_name":"firstName","family_name":"lastName"}""")).Ok();
        var client = await CodeClientAsync(pool, callback.Url, ["SignInWithApple"], ct);

        var report = await RunAsync(nameof(Does_sign_in_through_sign_in_with_apple_pointed_at_a_local_stand_in), [
            Goto(Authorize(prefix, client, callback.Url, "st-apple") + "&identity_provider=SignInWithApple"),
            WaitForUrl(fixture.Social.BaseUrl + "/auth/authorize"),
            Screenshot("apple-stand-in"),
            .. IdpLogin("aiko"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput + "\n" + fixture.Social.Output);
        var tokens = await RedeemAsync(prefix, client, callback.Url, Code(await callback.NextAsync(ct)), ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal("SignInWithApple_000123.aiko", id.Str("cognito:username"));
        Assert.Equal("aiko@privaterelay.appleid.com", id.Str("email"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal("000123.aiko", identity.Str("userId"));
        Assert.Equal("SignInWithApple", identity.Str("providerType"));

        var user = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "SignInWithApple_000123.aiko")).Ok();
        Assert.Equal("EXTERNAL_PROVIDER", user.Str("UserStatus"));
        var attributes = Attributes(user);
        Assert.Equal("aiko@privaterelay.appleid.com", attributes["email"]);
        Assert.Equal("aiko", attributes["given_name"]);
        Assert.Equal("Apple", attributes["family_name"]);
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> IdpLogin(string login) =>
    [
        Fill("input[name=login]", login),
        Fill("input[name=password]", "any-password"),
        Click("button[type=submit]"),
    ];

    private string Authorize(string prefix, string client, string callback, string state) =>
        $"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}&redirect_uri={Uri.EscapeDataString(callback)}" +
        $"&state={state}&scope=openid+email+profile&nonce=n-{state}";

    private async Task<(string Pool, string Prefix)> PoolWithDomainAsync(string name, CancellationToken ct, params string[] options)
    {
        var pool = await Cli.CreatePoolAsync(name, ct, options);
        var prefix = name + "-" + pool.Split('_')[1].ToLowerInvariant();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", prefix)).Ok();
        return (pool, prefix);
    }

    private async Task CreateOidcProviderAsync(string pool, string name, string issuer, string method, CancellationToken ct, params string[] options)
    {
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["client_id"] = OidcIdp.ClientId,
            ["client_secret"] = OidcIdp.ClientSecret,
            ["attributes_request_method"] = method,
            ["oidc_issuer"] = issuer,
            ["authorize_scopes"] = "openid email profile",
        });
        (await Cli.CognitoIdpAsync(ct, ["create-identity-provider", "--user-pool-id", pool, "--provider-name", name, "--provider-type", "OIDC",
            "--provider-details", details, "--attribute-mapping", """{"email":"email","email_verified":"email_verified","name":"name"}""", .. options])).Ok();
    }

    private async Task<string> CodeClientAsync(string pool, string callback, string[] providers, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, ["create-user-pool-client", "--user-pool-id", pool, "--client-name", "app",
            "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "email", "profile", "--allowed-o-auth-flows-user-pool-client",
            "--callback-urls", JsonSerializer.Serialize(new[] { callback }), "--supported-identity-providers", .. providers])).Ok().Prop("UserPoolClient").Str("ClientId");

    private async Task<JsonElement> RedeemAsync(string prefix, string client, string callback, string code, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{Base}/domain/{prefix}/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = client,
            ["code"] = code,
            ["redirect_uri"] = callback,
        }), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Code(IReadOnlyDictionary<string, string> query)
    {
        Assert.True(query.TryGetValue("code", out var code), "no code: " + string.Join('&', query.Select(q => q.Key + "=" + q.Value)));
        return code!;
    }

    private static Dictionary<string, string> Attributes(JsonElement user) =>
        user.GetProperty("UserAttributes").EnumerateArray().ToDictionary(a => a.Str("Name"), a => a.Str("Value"), StringComparer.Ordinal);
}
