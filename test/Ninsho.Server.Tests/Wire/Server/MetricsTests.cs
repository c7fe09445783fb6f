using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>serve --metrics</c> (docs/operations.md#metrics-and-traces): <c>/metrics</c> answers Prometheus's text format
/// with the request counter by operation and outcome, the sign-in counter and the hashing histograms, and is guarded
/// as the operator routes are (loopback callers not forwarded by a proxy; the operator credential once one is set).
/// </summary>
public sealed partial class MetricsTests
{
    private const string AdminToken = "metrics-admin-token-5b2e8d1f";
    private const string Callback = "https://app.example.com/callback";
    private const string HostedPassword = "Hosted#Metrics123";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_count_requests_sign_ins_and_password_hashes_on_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--metrics");
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await PoolWithClientAsync(raw);
        var created = await raw.IdpAsync("AdminCreateUser",
            $$"""{"UserPoolId":"{{poolId}}","Username":"carol","TemporaryPassword":"Temp#Metrics123","MessageAction":"SUPPRESS"}""", ct);
        Assert.True(created.Status == HttpStatusCode.OK, created.Describe());
        var refused = await raw.IdpAsync("InitiateAuth",
            $$"""{"ClientId":"{{clientId}}","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"carol","PASSWORD":"Wrong#Metrics123"} }""", ct);
        Assert.Equal("NotAuthorizedException", refused.ErrorType);

        var scrape = await raw.GetAsync("/metrics", ct);
        Assert.True(scrape.Status == HttpStatusCode.OK, scrape.Describe());
        var text = scrape.Body;
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "AdminCreateUser"), ("outcome", "ok")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "InitiateAuth"), ("outcome", "NotAuthorizedException")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "InitiateAuth"), ("outcome", "NotAuthorizedException")));
        Assert.Equal(1, Sample(text, "ninsho_sign_ins_total", ("flow", "USER_PASSWORD_AUTH"), ("result", "NotAuthorizedException")));
        // The temporary password was hashed once; the wrong one verified once against it.
        Assert.Equal(1, Sample(text, "ninsho_password_hash_duration_seconds_count", ("operation", "hash")));
        Assert.Equal(1, Sample(text, "ninsho_password_hash_duration_seconds_count", ("operation", "verify")));
        Assert.True(Sample(text, "ninsho_password_hash_wait_seconds_count") >= 2, text);
        Assert.True(Sample(text, "ninsho_storage_duration_seconds_count", ("backend", "sqlite"), ("call", "Users.CreateAsync")) >= 1, text);

        // A caller a proxy on this machine forwards is not on this machine.
        using var http = new HttpClient();
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/metrics");
        forwarded.Headers.Add("X-Forwarded-For", "192.0.2.10");
        using var answer = await http.SendAsync(forwarded, ct);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain("ninsho_request_duration_seconds_count", await answer.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_count_hosted_ui_sign_ins_and_oauth_requests_on_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--metrics");
        using var raw = new RawCognito(server.BaseUrl);
        var pool = await raw.IdpAsync("CreateUserPool", """{"PoolName":"hosted-metrics"}""", ct);
        Assert.True(pool.Status == HttpStatusCode.OK, pool.Describe());
        var poolId = pool.Json!.RootElement.Prop("UserPool").Str("Id");
        var client = await raw.IdpAsync("CreateUserPoolClient", $$"""
            {"UserPoolId":"{{poolId}}","ClientName":"web","AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid"],
             "AllowedOAuthFlowsUserPoolClient":true,"CallbackURLs":["{{Callback}}"],"SupportedIdentityProviders":["COGNITO"]}
            """, ct);
        Assert.True(client.Status == HttpStatusCode.OK, client.Describe());
        var clientId = client.Json!.RootElement.Prop("UserPoolClient").Str("ClientId");
        Assert.Equal(HttpStatusCode.OK, (await raw.IdpAsync("AdminCreateUser",
            $$"""{"UserPoolId":"{{poolId}}","Username":"hugo","MessageAction":"SUPPRESS"}""", ct)).Status);
        Assert.Equal(HttpStatusCode.OK, (await raw.IdpAsync("AdminSetUserPassword",
            $$"""{"UserPoolId":"{{poolId}}","Username":"hugo","Password":"{{HostedPassword}}","Permanent":true}""", ct)).Status);

        // The login form posted as a browser does (its CSRF cookie and field), once with a wrong password.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var login = $"{server.BaseUrl}/login?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Callback)}&scope=openid";
        async Task<HttpResponseMessage> PostLoginAsync(string password)
        {
            var page = await browser.GetStringAsync(new Uri(login), ct);
            var csrf = CsrfField().Match(page).Groups[1].Value;
            using var form = new FormUrlEncodedContent([new("username", "hugo"), new("password", password), new("_csrf", csrf)]);
            return await browser.PostAsync(new Uri(login), form, ct);
        }

        using (var wrong = await PostLoginAsync("Wrong#Hosted123"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var signedIn = await PostLoginAsync(HostedPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var code = System.Web.HttpUtility.ParseQueryString(signedIn.Headers.Location!.Query)["code"];
        Assert.False(string.IsNullOrEmpty(code));

        // The code exchanged at /oauth2/token, then presented again (spent: invalid_grant).
        async Task<HttpStatusCode> ExchangeAsync()
        {
            using var form = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("client_id", clientId), new("code", code!), new("redirect_uri", Callback)]);
            using var answer = await browser.PostAsync(new Uri(server.BaseUrl + "/oauth2/token"), form, ct);
            return answer.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await ExchangeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, await ExchangeAsync());

        // An authorize request the client may not make goes back to the callback with its OAuth error.
        using (var refused = await browser.GetAsync(new Uri($"{server.BaseUrl}/oauth2/authorize?response_type=token&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Callback)}"), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        var text = (await raw.GetAsync("/metrics", ct)).Body;
        Assert.Equal(1, Sample(text, "ninsho_sign_ins_total", ("flow", "HOSTED_UI"), ("result", "tokens")));
        Assert.Equal(1, Sample(text, "ninsho_sign_ins_total", ("flow", "HOSTED_UI"), ("result", "NotAuthorizedException")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "POST /oauth2/token"), ("outcome", "ok")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "POST /oauth2/token"), ("outcome", "invalid_grant")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "POST /oauth2/token"), ("outcome", "ok")));
        Assert.Equal(2, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "POST /login"), ("outcome", "ok")));
        Assert.Equal(2, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "GET /login"), ("outcome", "ok")));
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "GET /oauth2/authorize"), ("outcome", "unauthorized_client")));
        Assert.DoesNotContain("operation=\"GET /metrics\"", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_measure_storage_calls_and_npgsql_on_postgresql()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var postgres = database.ConnectionStringOrSkip();
        await using var server = await NinshoProcess.StartAsync(ct, "--metrics", "--postgres", postgres);
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await PoolWithClientAsync(raw);
        var created = await raw.IdpAsync("AdminCreateUser",
            $$"""{"UserPoolId":"{{poolId}}","Username":"pia","TemporaryPassword":"Temp#Metrics123","MessageAction":"SUPPRESS"}""", ct);
        Assert.True(created.Status == HttpStatusCode.OK, created.Describe());
        var read = await raw.IdpAsync("AdminGetUser", $$"""{"UserPoolId":"{{poolId}}","Username":"pia"}""", ct);
        Assert.True(read.Status == HttpStatusCode.OK, read.Describe());
        var refused = await raw.IdpAsync("InitiateAuth",
            $$"""{"ClientId":"{{clientId}}","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"pia","PASSWORD":"Wrong#Metrics123"} }""", ct);
        Assert.Equal("NotAuthorizedException", refused.ErrorType);

        var scrape = await raw.GetAsync("/metrics", ct);
        Assert.True(scrape.Status == HttpStatusCode.OK, scrape.Describe());
        var text = scrape.Body;
        Assert.True(Sample(text, "ninsho_storage_duration_seconds_count", ("backend", "postgresql"), ("call", "Users.CreateAsync")) >= 1, text);
        Assert.True(Sample(text, "ninsho_storage_duration_seconds_count", ("backend", "postgresql"), ("call", "Users.FindAsync")) >= 1, text);
        Assert.DoesNotContain("backend=\"sqlite\"", text, StringComparison.Ordinal);
        // Npgsql's own meter (Npgsql.OpenTelemetry): the commands it ran for those calls.
        Assert.True(Sample(text, "db_client_operation_duration_seconds_count", ("otel_scope_name", "Npgsql"), ("db_system_name", "postgresql")) >= 3, text);
        Assert.True(Sample(text, "db_client_connection_max", ("otel_scope_name", "Npgsql")) >= 1, text);
        Assert.Equal(1, Sample(text, "ninsho_request_duration_seconds_count", ("operation", "AdminGetUser"), ("outcome", "ok")));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_metrics_without_the_operator_credential_once_one_is_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--metrics", "--admin-token", AdminToken);
        using var http = new HttpClient();
        using var bare = await http.GetAsync(new Uri(server.BaseUrl + "/metrics"), ct);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        using var allowed = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_not_serve_metrics_without_the_option()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        using var raw = new RawCognito(server.BaseUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync("/metrics", ct)).Status);
    }

    /// <summary>A pool and a public client that allows USER_PASSWORD_AUTH.</summary>
    internal static async Task<(string PoolId, string ClientId)> PoolWithClientAsync(RawCognito raw)
    {
        var pool = await raw.IdpAsync("CreateUserPool", """{"PoolName":"metrics"}""", Ct);
        Assert.True(pool.Status == HttpStatusCode.OK, pool.Describe());
        var poolId = pool.Json!.RootElement.Prop("UserPool").Str("Id");
        var client = await raw.IdpAsync("CreateUserPoolClient",
            $$"""{"UserPoolId":"{{poolId}}","ClientName":"app","ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_ADMIN_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}""", Ct);
        Assert.True(client.Status == HttpStatusCode.OK, client.Describe());
        return (poolId, client.Json!.RootElement.Prop("UserPoolClient").Str("ClientId"));
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> carrying all <paramref name="labels"/>
    /// (others may be there too); fails when there is none or more than one.</summary>
    internal static double Sample(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        var matches = new List<double>();
        foreach (Match line in SampleLine().Matches(exposition))
        {
            if (line.Groups["name"].Value != metric)
            {
                continue;
            }

            var labelText = line.Groups["labels"].Value;
            if (labels.All(l => labelText.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                matches.Add(double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }

        Assert.True(matches.Count == 1,
            $"{matches.Count} samples of {metric}{{{string.Join(',', labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} in:\n{exposition}");
        return matches[0];
    }

    /// <summary>A free loopback TCP port.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)""", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
