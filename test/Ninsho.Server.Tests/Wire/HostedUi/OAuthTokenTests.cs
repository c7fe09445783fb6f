using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary><c>POST /oauth2/token</c> with <c>grant_type=client_credentials</c> (and <c>refresh_token</c>), over plain HTTP as a service would
/// call it: tokens verified by aws-jwt-verify (node), and every OAuth error with its status. Statuses: 400 for all
/// errors except invalid_client after a Basic header (401 with <c>WWW-Authenticate: Basic</c>, RFC 6749 §5.2;
/// Cognito's exact choice is unconfirmed). invalid_grant for a client whose OAuth settings are off is observed
/// (boto/boto3#3916).</summary>
[Collection(DirectoryServer.Name)]
public sealed class OAuthTokenTests(NinshoServerFixture fixture) : IDisposable
{
    // An identifier with a '/' (the scope is split at the last one), and no scheme: the AWS CLI v1 fetches any
    // parameter value that starts with http(s):// (cli_follow_urlparam).
    private const string Api = "api.example.com/v1";
    private const string Read = Api + "/read";
    private const string Write = Api + "/write";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AwsCli Cli => fixture.Cli;

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_issue_a_client_credentials_token_that_aws_jwt_verify_accepts()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId, secret) = await CreateMachineClientAsync("m2m-ok", ct);

        var (status, body, _) = await PostAsync("/oauth2/token", Form(("grant_type", "client_credentials"), ("scope", Read)), ct, basic: (clientId, secret));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["access_token", "expires_in", "token_type"], body.Names());
        body.AssertNumber("expires_in", 3600);
        Assert.Equal("Bearer", body.Str("token_type"));

        var payload = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, body.Str("access_token"), "access", clientId, ct);
        Assert.Equal(["sub", "token_use", "scope", "auth_time", "iss", "exp", "iat", "version", "jti", "client_id"], payload.Names());
        Assert.Equal(clientId, payload.Str("sub"));
        Assert.Equal(Read, payload.Str("scope"));
        payload.AssertNumber("version", 2);
        Assert.Equal(payload.Prop("iat").GetInt64() + 3600, payload.Prop("exp").GetInt64());

        // Credentials in the form instead of the header; no scope asks for all the client's scopes.
        var (formStatus, formBody, _) = await PostAsync("/oauth2/token",
            Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret)), ct);
        Assert.Equal(HttpStatusCode.OK, formStatus);
        var all = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, formBody.Str("access_token"), "access", clientId, ct);
        Assert.Equal($"{Read} {Write}", all.Str("scope"));

        // Through the pool's domain path; another domain's path refuses the client.
        var prefix = "m2m-" + Guid.NewGuid().ToString("N")[..10];
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        var (domainStatus, _, _) = await PostAsync($"/domain/{prefix}/oauth2/token", Form(("grant_type", "client_credentials")), ct, basic: (clientId, secret));
        Assert.Equal(HttpStatusCode.OK, domainStatus);
        await AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client",
            PostAsync("/domain/not-this-pool/oauth2/token", Form(("grant_type", "client_credentials")), ct, basic: (clientId, secret)));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_each_OAuth_error_with_its_status()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId, secret) = await CreateMachineClientAsync("m2m-errors", ct);
        var grant = ("grant_type", "client_credentials");

        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request", PostAsync("/oauth2/token", Form(("scope", Read)), ct, basic: (clientId, secret)));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "unsupported_grant_type",
            PostAsync("/oauth2/token", Form(("grant_type", "password"), ("username", "a"), ("password", "b")), ct, basic: (clientId, secret)));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request", PostAsync("/oauth2/token", Form(grant), ct));

        var (wrongStatus, wrong, wrongHeaders) = await PostAsync("/oauth2/token", Form(grant), ct, basic: (clientId, secret + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal("invalid_client", wrong.Str("error"));
        Assert.Equal("Basic", wrongHeaders.WwwAuthenticate.ToString());
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_client",
            PostAsync("/oauth2/token", Form(grant, ("client_id", clientId), ("client_secret", "nope")), ct));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_client",
            PostAsync("/oauth2/token", Form(grant, ("client_id", clientId)), ct));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_client",
            PostAsync("/oauth2/token", Form(grant, ("client_id", "7abcdefghijklmnopqrstuvwxy"), ("client_secret", secret)), ct));

        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope", PostAsync("/oauth2/token", Form(grant, ("scope", Api + "/admin")), ct, basic: (clientId, secret)));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope", PostAsync("/oauth2/token", Form(grant, ("scope", $"{Read} openid")), ct, basic: (clientId, secret)));

        // A JSON body is not a token request.
        using (var json = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"))
        {
            await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request", PostAsync("/oauth2/token", json, ct, basic: (clientId, secret)));
        }

        // A client with OAuth turned off, and one allowed only the code flow.
        var off = await Cli.CreateClientAsync(poolId, "oauth-off", ct, "--generate-secret", "--allowed-o-auth-flows", "client_credentials",
            "--allowed-o-auth-scopes", Read);
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant",
            PostAsync("/oauth2/token", Form(grant), ct, basic: (off.Str("ClientId"), off.Str("ClientSecret"))));
        var code = await Cli.CreateClientAsync(poolId, "code-only", ct, "--generate-secret", "--allowed-o-auth-flows", "code",
            "--allowed-o-auth-scopes", "openid", "--allowed-o-auth-flows-user-pool-client", "--callback-urls", "myapp://callback");
        await AssertErrorAsync(HttpStatusCode.BadRequest, "unauthorized_client",
            PostAsync("/oauth2/token", Form(grant), ct, basic: (code.Str("ClientId"), code.Str("ClientSecret"))));

        // Once the resource server is gone its scopes are no longer granted.
        (await Cli.CognitoIdpAsync(ct, "delete-resource-server", "--user-pool-id", poolId, "--identifier", Api)).OkEmpty();
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope", PostAsync("/oauth2/token", Form(grant), ct, basic: (clientId, secret)));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_check_a_clients_OAuth_settings_as_Cognito_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("m2m-settings", ct);
        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "api",
            "--scopes", "ScopeName=read,ScopeDescription=Read")).Ok();

        string[] Client(params string[] options) => ["create-user-pool-client", "--user-pool-id", poolId, "--client-name", "c", .. options];

        (await Cli.CognitoIdpAsync(ct, Client("--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", Read)))
            .AssertError("InvalidOAuthFlowException", "CreateUserPoolClient", "client_credentials flow can not be selected if client does not have a client secret.");
        (await Cli.CognitoIdpAsync(ct, Client("--generate-secret", "--allowed-o-auth-flows", "client_credentials", "code", "--allowed-o-auth-scopes", Read)))
            .AssertError("InvalidOAuthFlowException", "CreateUserPoolClient", "client_credentials flow can not be selected along with code flow or implicit flow.");
        (await Cli.CognitoIdpAsync(ct, Client("--generate-secret", "--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", "openid")))
            .AssertError("InvalidOAuthFlowException", "CreateUserPoolClient", "openid is not supported with client_credentials flow");
        // Wording guessed.
        (await Cli.CognitoIdpAsync(ct, Client("--generate-secret", "--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", Api + "/write")))
            .AssertError("ScopeDoesNotExistException", "CreateUserPoolClient", $"Invalid scope requested: {Api}/write");

        var ok = await Cli.CreateClientAsync(poolId, "m2m", ct, "--generate-secret", "--allowed-o-auth-flows", "client_credentials",
            "--allowed-o-auth-scopes", Read, "--allowed-o-auth-flows-user-pool-client");
        Assert.Equal([Read], ok.Items("AllowedOAuthScopes").Select(s => s.GetString()));
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-client", "--user-pool-id", poolId, "--client-id", ok.Str("ClientId"),
            "--allowed-o-auth-flows", "client_credentials", "implicit", "--allowed-o-auth-scopes", Read))
            .AssertError("InvalidOAuthFlowException", "UpdateUserPoolClient", "client_credentials flow can not be selected along with code flow or implicit flow.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refresh_tokens_at_the_token_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("oauth-refresh", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "alice", ct);
        var refreshToken = (await Cli.SignInAsync(clientId, "alice", ct)).Str("RefreshToken");

        var (status, body, _) = await PostAsync("/oauth2/token",
            Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", refreshToken)), ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["access_token", "id_token", "expires_in", "token_type"], body.Names());
        body.AssertNumber("expires_in", 3600);
        var id = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, body.Str("id_token"), "id", clientId, ct);
        Assert.Equal("alice", id.Str("cognito:username"));
        var access = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, body.Str("access_token"), "access", clientId, ct);
        Assert.Equal("alice", access.Str("username"));

        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant",
            PostAsync("/oauth2/token", Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", refreshToken + "x")), ct));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request",
            PostAsync("/oauth2/token", Form(("grant_type", "refresh_token"), ("client_id", clientId)), ct));
        (await Cli.CognitoIdpAsync(ct, "admin-user-global-sign-out", "--user-pool-id", poolId, "--username", "alice")).OkEmpty();
        await AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant",
            PostAsync("/oauth2/token", Form(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", refreshToken)), ct));
    }

    private async Task<(string PoolId, string ClientId, string Secret)> CreateMachineClientAsync(string name, CancellationToken ct)
    {
        var poolId = await Cli.CreatePoolAsync(name, ct);
        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "api",
            "--scopes", "ScopeName=read,ScopeDescription=Read", "ScopeName=write,ScopeDescription=Write")).Ok();
        var client = await Cli.CreateClientAsync(poolId, "service", ct, "--generate-secret", "--allowed-o-auth-flows", "client_credentials",
            "--allowed-o-auth-scopes", Read, Write, "--allowed-o-auth-flows-user-pool-client");
        return (poolId, client.Str("ClientId"), client.Str("ClientSecret"));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> PostAsync(
        string path, HttpContent content, CancellationToken ct, (string Id, string Secret)? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl.TrimEnd('/') + path) { Content = content };
        if (basic is { } b)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{b.Id}:{b.Secret}")));
        }

        using var response = await _http.SendAsync(request, ct);
        Assert.Equal("application/json; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, json.RootElement.Clone(), response.Headers);
    }

    private static async Task AssertErrorAsync(
        HttpStatusCode status, string error, Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> call)
    {
        var (actualStatus, body, _) = await call;
        Assert.Equal(error, body.TryGetProperty("error", out var e) ? e.GetString() : body.GetRawText());
        Assert.Equal(status, actualStatus);
        Assert.Equal(["error"], body.Names());
    }
}
