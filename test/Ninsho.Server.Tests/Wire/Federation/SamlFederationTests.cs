using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using static Ninsho.Server.Tests.HeadlessBrowser;

namespace Ninsho.Server.Tests;

/// <summary>One Ninsho server and one SAML IdP (<see cref="SamlIdp"/>, npm's samlify) for the SAML tests.</summary>
public sealed class SamlServerFixture : IAsyncLifetime
{
    private SamlIdp? _idp;
    private NinshoProcess? _server;

    public SamlIdp Idp => _idp ?? throw new InvalidOperationException("not started");

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("not started");

    public AwsCli Cli => new(Server.BaseUrl);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _idp = await SamlIdp.StartAsync(ct);
        _server = await NinshoProcess.StartAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }
}

/// <summary>Sign-in through a SAML 2.0 identity provider (docs/federation.md#saml), against a real SAML IdP from
/// npm: in headless Chromium from <c>/oauth2/authorize</c> through the IdP's login page and its auto-posted answer
/// to <c>/saml2/idpresponse</c> and on to the app; and over raw HTTP, what Ninsho sends the IdP and the answers it
/// must refuse (tampered, wrongly addressed, expired, replayed, wrapped, unsolicited).</summary>
public sealed class SamlFederationTests(SamlServerFixture fixture) : IClassFixture<SamlServerFixture>, IDisposable
{
    private const string Callback = "https://app.example.com/callback";
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false };
    private HttpClient? _http;

    private HttpClient Http => _http ??= new HttpClient(_handler);

    private AwsCli Cli => fixture.Cli;

    private string Base => fixture.Server.BaseUrl;

    public void Dispose()
    {
        _http?.Dispose();
        _handler.Dispose();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_through_a_saml_provider_in_a_browser_and_create_the_external_provider_user()
    {
        var ct = TestContext.Current.CancellationToken;
        using var callback = new LoopbackCallback();
        var (pool, prefix) = await PoolWithDomainAsync("saml-browser", ct);
        await CreateSamlProviderAsync(pool, "CorpSaml", fixture.Idp.MetadataUrl, ct);
        await fixture.Idp.RegisterAsync(EntityId(pool), $"{Base}/domain/{prefix}/saml2/idpresponse", ct);
        var client = await CodeClientAsync(pool, callback.Url, ["COGNITO", "CorpSaml"], ct);

        var name = nameof(Does_sign_in_through_a_saml_provider_in_a_browser_and_create_the_external_provider_user);
        var report = await RunAsync(name, [
            Goto($"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}&redirect_uri={Uri.EscapeDataString(callback.Url)}" +
                "&state=st-saml&scope=openid+email+profile&identity_provider=CorpSaml"),
            Screenshot("idp-login"),
            Fill("input[name=login]", "kenji"),
            Fill("input[name=password]", "any-password"),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
            Screenshot("landing"),
        ], ct);
        Assert.True(report.Ok, report.Describe() + "\n" + fixture.Server.RecentOutput + "\n" + fixture.Idp.Output);
        var query = await callback.NextAsync(ct);
        Assert.Equal("st-saml", query["state"]);
        Assert.True(query.TryGetValue("code", out var code), string.Join('&', query.Select(q => q.Key + "=" + q.Value)));

        var tokens = await RedeemAsync(prefix, client, callback.Url, code!, ct);
        var id = Jwt.Payload(tokens.Str("id_token"));
        Assert.Equal("CorpSaml_kenji", id.Str("cognito:username"));
        Assert.Equal("kenji@saml.example", id.Str("email"));
        var identity = Assert.Single(id.GetProperty("identities").EnumerateArray());
        Assert.Equal("kenji", identity.Str("userId"));
        Assert.Equal("CorpSaml", identity.Str("providerName"));
        Assert.Equal("SAML", identity.Str("providerType"));
        Assert.Equal(fixture.Idp.MetadataUrl, identity.Str("issuer"));

        var user = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "CorpSaml_kenji")).Ok();
        Assert.Equal("EXTERNAL_PROVIDER", user.Str("UserStatus"));
        var attributes = user.GetProperty("UserAttributes").EnumerateArray().ToDictionary(a => a.Str("Name"), a => a.Str("Value"), StringComparer.Ordinal);
        Assert.Equal("kenji@saml.example", attributes["email"]);
        Assert.Equal("kenji SAML", attributes["name"]);
        var listed = (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", pool)).Ok();
        Assert.Contains(listed.GetProperty("Users").EnumerateArray(), u => u.Str("Username") == "CorpSaml_kenji" && u.Str("UserStatus") == "EXTERNAL_PROVIDER");

        // The login page's "Sign in with CorpSaml" link takes the same way, in a fresh browser.
        var again = await RunAsync(name + "-link", [
            Goto($"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}&redirect_uri={Uri.EscapeDataString(callback.Url)}" +
                "&state=st-saml-2&scope=openid"),
            Click("a[data-provider=CorpSaml]"),
            Fill("input[name=login]", "kenji"),
            Fill("input[name=password]", "any-password"),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct);
        Assert.True(again.Ok, again.Describe() + "\n" + fixture.Server.RecentOutput);
        Assert.Equal("st-saml-2", (await callback.NextAsync(ct))["state"]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_send_a_deflated_authn_request_and_refuse_tampered_misaddressed_expired_replayed_and_wrapped_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pool, prefix) = await PoolWithDomainAsync("saml-edges", ct);
        await CreateSamlProviderAsync(pool, "EdgeSaml", fixture.Idp.MetadataUrl, ct, "--idp-identifiers", "corp.example");
        var client = await CodeClientAsync(pool, Callback, ["COGNITO", "EdgeSaml"], ct);
        var acs = $"{Base}/domain/{prefix}/saml2/idpresponse";

        using var start = await Http.GetAsync(new Uri($"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}" +
            $"&redirect_uri={Uri.EscapeDataString(Callback)}&state=app-state&identity_provider=EdgeSaml"), ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(fixture.Idp.BaseUrl + "/sso?", location.AbsoluteUri, StringComparison.Ordinal);
        var sent = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Null(sent["Signature"]);
        var request = Inflate(sent["SAMLRequest"]!);
        Assert.Equal("AuthnRequest", request.DocumentElement!.LocalName);
        Assert.Equal(acs, request.DocumentElement.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(fixture.Idp.BaseUrl + "/sso", request.DocumentElement.GetAttribute("Destination"));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", request.DocumentElement.GetAttribute("ProtocolBinding"));
        Assert.Equal(EntityId(pool), request.DocumentElement["Issuer", "urn:oasis:names:tc:SAML:2.0:assertion"]!.InnerText);
        var requestId = request.DocumentElement.GetAttribute("ID");
        var relayState = sent["RelayState"]!;
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ninsho-federation=", StringComparison.Ordinal)).Split(';')[0];

        // idp_identifier names the same provider.
        using (var byIdentifier = await Http.GetAsync(new Uri($"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}" +
            $"&redirect_uri={Uri.EscapeDataString(Callback)}&idp_identifier=corp.example"), ct))
        {
            Assert.StartsWith(fixture.Idp.BaseUrl + "/sso?", byIdentifier.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        }

        async Task<string> ResponseAsync(params (string Key, string Value)[] overrides) =>
            await fixture.Idp.ResponseAsync(EntityId(pool), acs, "aiko", ct,
                new Dictionary<string, string>(overrides.Select(o => KeyValuePair.Create(o.Key, o.Value)).Prepend(KeyValuePair.Create("inResponseTo", requestId))));

        // A changed attribute breaks the assertion's signature: Cognito's words, on the app's callback.
        var good = await ResponseAsync();
        var tampered = Rewrite(good, xml => xml.Replace("aiko@saml.example", "admin@saml.example", StringComparison.Ordinal));
        var refused = await PostAsync(acs, tampered, relayState, cookie, ct);
        Assert.Equal("server_error", refused["error"]);
        Assert.Equal("Invalid SAML response received: SAML Assertion signature is invalid.", refused["error_description"]);
        Assert.Equal("app-state", refused["state"]);

        Assert.Contains("Audience", (await PostAsync(acs, await ResponseAsync(("audience", "urn:amazon:cognito:sp:us-east-1_other")), relayState, cookie, ct))["error_description"], StringComparison.Ordinal);
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-20);
        var expired = await ResponseAsync(("notBefore", past.ToString("O")), ("notOnOrAfter", past.AddMinutes(5).ToString("O")));
        Assert.Contains("expired", (await PostAsync(acs, expired, relayState, cookie, ct))["error_description"], StringComparison.Ordinal);
        var otherRequest = await fixture.Idp.ResponseAsync(EntityId(pool), acs, "aiko", ct, new Dictionary<string, string> { ["inResponseTo"] = "_another" });
        Assert.Contains("InResponseTo", (await PostAsync(acs, otherRequest, relayState, cookie, ct))["error_description"], StringComparison.Ordinal);

        // Signature wrapping: the signed assertion moved aside and a forged copy (its signature kept) put where it is
        // read, once with the same ID and once with another.
        foreach (var sameId in new[] { true, false })
        {
            var wrapped = Rewrite(good, xml => Wrap(xml, sameId));
            Assert.Equal("Invalid SAML response received: SAML Assertion signature is invalid.", (await PostAsync(acs, wrapped, relayState, cookie, ct))["error_description"]);
        }

        // Without the flow cookie (another browser): an error page, nothing goes to the app.
        using (var noCookie = await Http.PostAsync(new Uri(acs), Form(good, relayState), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);
        }

        // The genuine answer signs in; the same assertion a second time is refused.
        var signedIn = await PostAsync(acs, good, relayState, cookie, ct);
        Assert.True(signedIn.ContainsKey("code"), string.Join('&', signedIn.Select(q => q.Key + "=" + q.Value)));
        Assert.Equal("app-state", signedIn["state"]);
        Assert.Contains("already been used", (await PostAsync(acs, good, relayState, cookie, ct))["error_description"], StringComparison.Ordinal);

        // A response signed as a whole (not its assertion) is accepted too.
        var responseSigned = await ResponseAsync(("sign", "response"));
        Assert.True((await PostAsync(acs, responseSigned, relayState, cookie, ct)).ContainsKey("code"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_an_unsolicited_response_unless_the_provider_allows_idp_initiated_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pool, prefix) = await PoolWithDomainAsync("saml-idpinit", ct);
        await CreateSamlProviderAsync(pool, "InitSaml", fixture.Idp.MetadataUrl, ct);
        var client = await CodeClientAsync(pool, Callback, ["InitSaml"], ct);
        var acs = $"{Base}/domain/{prefix}/saml2/idpresponse";
        var relayState = $"response_type=code&client_id={client}&redirect_uri={Uri.EscapeDataString(Callback)}&identity_provider=InitSaml&scope=openid";

        var first = await fixture.Idp.ResponseAsync(EntityId(pool), acs, "ren", ct);
        using (var refused = await Http.PostAsync(new Uri(acs), Form(first, relayState), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Invalid samlResponse or relayState from identity provider", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        (await Cli.CognitoIdpAsync(ct, "update-identity-provider", "--user-pool-id", pool, "--provider-name", "InitSaml",
            "--provider-details", JsonSerializer.Serialize(new Dictionary<string, string> { ["MetadataURL"] = fixture.Idp.MetadataUrl, ["IDPInit"] = "true" }))).Ok();
        var second = await fixture.Idp.ResponseAsync(EntityId(pool), acs, "ren", ct);
        using var accepted = await Http.PostAsync(new Uri(acs), Form(second, relayState), ct);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var app = System.Web.HttpUtility.ParseQueryString(accepted.Headers.Location!.Query);
        Assert.StartsWith(Callback + "?", accepted.Headers.Location.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotNull(app["code"]);
        Assert.Null(app["state"]);

        // A response that answers a request is not IdP-initiated.
        var solicited = await fixture.Idp.ResponseAsync(EntityId(pool), acs, "ren", ct, new Dictionary<string, string> { ["inResponseTo"] = "_someone" });
        using var answered = await Http.PostAsync(new Uri(acs), Form(solicited, relayState), ct);
        Assert.Contains("InResponseTo", System.Web.HttpUtility.ParseQueryString(answered.Headers.Location!.Query)["error_description"], StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_the_authn_request_with_the_pool_signing_certificate_when_the_idp_wants_signed_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pool, prefix) = await PoolWithDomainAsync("saml-signed", ct);
        await CreateSamlProviderAsync(pool, "SignedSaml", fixture.Idp.SignedMetadataUrl, ct);
        var client = await CodeClientAsync(pool, Callback, ["SignedSaml"], ct);
        var certificate = (await Cli.CognitoIdpAsync(ct, "get-signing-certificate", "--user-pool-id", pool)).Ok().Str("Certificate");
        await fixture.Idp.RegisterAsync(EntityId(pool), $"{Base}/domain/{prefix}/saml2/idpresponse", ct, certificate);

        using var start = await Http.GetAsync(new Uri($"{Base}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={client}" +
            $"&redirect_uri={Uri.EscapeDataString(Callback)}&identity_provider=SignedSaml"), ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(fixture.Idp.BaseUrl + "/sso-signed?", location, StringComparison.Ordinal);
        var sent = System.Web.HttpUtility.ParseQueryString(new Uri(location).Query);
        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", sent["SigAlg"]);

        // The signature verifies with the certificate get-signing-certificate returns, over the query as sent.
        var query = new Uri(location).Query.TrimStart('?');
        var signedPart = query[..query.IndexOf("&Signature=", StringComparison.Ordinal)];
        using (var x509 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate)))
        using (var rsa = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPublicKey(x509)!)
        {
            Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(signedPart), Convert.FromBase64String(sent["Signature"]!),
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
        }

        // The IdP (samlify) accepts the signed request and refuses it once the signature is changed.
        using (var accepted = await Http.GetAsync(new Uri(location), ct))
        {
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync(ct) + "\n" + fixture.Idp.Output);
            Assert.Contains("name=\"login\"", await accepted.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        var forged = signedPart + "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(new byte[256]));
        using var refused = await Http.GetAsync(new Uri(fixture.Idp.BaseUrl + "/sso-signed?" + forged), ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static string Wrap(string xml, bool sameId)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var original = document.DocumentElement!["Assertion", "urn:oasis:names:tc:SAML:2.0:assertion"]!;
        var forged = (XmlElement)original.CloneNode(deep: true);
        forged["Subject", "urn:oasis:names:tc:SAML:2.0:assertion"]!["NameID", "urn:oasis:names:tc:SAML:2.0:assertion"]!.InnerText = "admin";
        if (!sameId)
        {
            forged.SetAttribute("ID", "_forged");
        }

        var extensions = document.CreateElement("samlp", "Extensions", "urn:oasis:names:tc:SAML:2.0:protocol");
        _ = document.DocumentElement.ReplaceChild(forged, original);
        _ = extensions.AppendChild(original);
        _ = document.DocumentElement.InsertBefore(extensions, forged);
        return document.OuterXml;
    }

    private static string EntityId(string pool) => "urn:amazon:cognito:sp:" + pool;

    private static XmlDocument Inflate(string samlRequest)
    {
        using var input = new MemoryStream(Convert.FromBase64String(samlRequest));
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(deflate, Encoding.UTF8);
        var document = new XmlDocument();
        document.LoadXml(reader.ReadToEnd());
        return document;
    }

    private static string Rewrite(string samlResponse, Func<string, string> change) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse)))));

    private static FormUrlEncodedContent Form(string samlResponse, string relayState) =>
        new(new Dictionary<string, string> { ["SAMLResponse"] = samlResponse, ["RelayState"] = relayState });

    /// <summary>Posts the answer as the browser would (with the flow cookie) and returns the query of the redirect to the app.</summary>
    private async Task<Dictionary<string, string>> PostAsync(string acs, string samlResponse, string relayState, string cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, acs) { Content = Form(samlResponse, relayState) };
        request.Headers.Add("Cookie", cookie);
        using var response = await Http.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        Assert.StartsWith(Callback + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location.Query);
        return query.AllKeys.ToDictionary(k => k!, k => query[k]!, StringComparer.Ordinal);
    }

    private async Task<(string Pool, string Prefix)> PoolWithDomainAsync(string name, CancellationToken ct)
    {
        var pool = await Cli.CreatePoolAsync(name, ct);
        var prefix = name + "-" + pool.Split('_')[1].ToLowerInvariant();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", prefix)).Ok();
        return (pool, prefix);
    }

    private async Task CreateSamlProviderAsync(string pool, string name, string metadataUrl, CancellationToken ct, params string[] options) =>
        (await Cli.CognitoIdpAsync(ct, ["create-identity-provider", "--user-pool-id", pool, "--provider-name", name, "--provider-type", "SAML",
            "--provider-details", JsonSerializer.Serialize(new Dictionary<string, string> { ["MetadataURL"] = metadataUrl }),
            "--attribute-mapping", JsonSerializer.Serialize(new Dictionary<string, string> { ["email"] = SamlIdp.EmailClaim, ["name"] = "name" }), .. options])).Ok();

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
}
