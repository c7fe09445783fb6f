using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Server.Hosting;
using Ninsho.Storage;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// The operator routes under <c>/_ninsho/</c> (the outbox with its codes and temporary passwords, the import logs) are
/// served to loopback callers only, and to nobody without a credential (SigV4 by a configured key, or the admin token)
/// once credentials are configured; they never carry CORS headers, so a web page in a developer's browser cannot read
/// them. CORS stays on the routes browser apps call: the JSON API, the token/revoke/userInfo endpoints and discovery.
/// Callers beyond loopback are simulated by setting the connection's address (192.0.2.10, a documentation address).
/// </summary>
public sealed class OperatorRouteAccessTests
{
    private const string PoolId = "us-east-1_operator";
    private const string Secret = "731946";
    private const string AdminToken = "test-admin-token-6f1d2c9b8a";
    private const string AccessKey = "AKIDOPERATOR";
    private const string SecretKey = "operator-secret-key";
    private const string EvilOrigin = "http://evil.example";
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Does_send_no_CORS_headers_on_the_outbox_to_another_origin()
    {
        await using var server = await StartAsync(o => o);

        var read = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?pool={PoolId}", r => r.Headers.Add("Origin", EvilOrigin));
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Contains(Secret, read.Body, StringComparison.Ordinal);
        Assert.False(read.Response.Headers.Contains("Access-Control-Allow-Origin"), "the outbox must not be readable cross-origin");

        var preflight = await SendAsync(server, HttpMethod.Options, "/_ninsho/outbox", Preflight(EvilOrigin, "GET"));
        Assert.False(preflight.Response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Response.IsSuccessStatusCode, $"preflight answered {preflight.Status}");
    }

    [Fact]
    public async Task Does_keep_CORS_on_the_JSON_API_token_endpoint_and_discovery_only()
    {
        await using var server = await StartAsync(o => o);
        const string app = "http://app.example";
        var pool = (await server.CallAsync("CreateUserPool", new { PoolName = "cors" })).GetProperty("UserPool").GetProperty("Id").GetString()!;

        var json = await SendAsync(server, HttpMethod.Options, "/", Preflight(app, "POST", "content-type,x-amz-target,x-amz-user-agent"));
        Assert.True(json.Response.IsSuccessStatusCode, $"JSON API preflight: {json.Status}");
        Assert.Equal("*", Header(json.Response, "Access-Control-Allow-Origin"));

        foreach (var path in new[] { "/oauth2/token", "/oauth2/revoke", "/oauth2/userInfo", "/domain/acme/oauth2/token" })
        {
            var preflight = await SendAsync(server, HttpMethod.Options, path, Preflight(app, "POST", "authorization,content-type"));
            Assert.True(preflight.Response.IsSuccessStatusCode, $"{path} preflight: {preflight.Status}");
            Assert.Equal("*", Header(preflight.Response, "Access-Control-Allow-Origin"));
        }

        foreach (var path in new[] { $"/{pool}/.well-known/jwks.json", $"/{pool}/.well-known/openid-configuration" })
        {
            var doc = await SendAsync(server, HttpMethod.Get, path, r => r.Headers.Add("Origin", app));
            Assert.Equal(HttpStatusCode.OK, doc.Status);
            Assert.Equal("*", Header(doc.Response, "Access-Control-Allow-Origin"));
        }

        foreach (var path in new[] { "/login?client_id=x", "/logout?client_id=x", "/oauth2/authorize?client_id=x", "/health" })
        {
            var page = await SendAsync(server, HttpMethod.Get, path, r => r.Headers.Add("Origin", EvilOrigin));
            Assert.False(page.Response.Headers.Contains("Access-Control-Allow-Origin"), $"{path} must carry no CORS headers");
        }
    }

    [Fact]
    public async Task Does_refuse_the_operator_routes_to_a_caller_beyond_loopback()
    {
        await using var server = await StartAsync(o => o with { TestRemoteAddress = Remote });

        foreach (var path in new[] { "/_ninsho/outbox", $"/_ninsho/outbox?pool={PoolId}", "/_NINSHO/Outbox", "/%5Fninsho/outbox", $"/_ninsho/import/{PoolId}/import-x/log" })
        {
            var refused = await SendAsync(server, HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.DoesNotContain(Secret, refused.Body, StringComparison.Ordinal);
            Assert.Contains("loopback", refused.Body, StringComparison.Ordinal);
        }

        // The JSON API is not an operator route: it answers the same caller.
        _ = await server.CallAsync("ListUserPools", new { MaxResults = 1 });
    }

    [Fact]
    public async Task Does_refuse_a_request_a_proxy_forwarded_even_from_loopback()
    {
        await using var server = await StartAsync(o => o);

        var forwarded = await SendAsync(server, HttpMethod.Get, "/_ninsho/outbox", r => r.Headers.Add("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.Forbidden, forwarded.Status);
        Assert.DoesNotContain(Secret, forwarded.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_require_a_valid_SigV4_signature_from_loopback_once_credentials_are_configured()
    {
        await using var server = await StartAsync(o => o with
        {
            SigV4Credentials = new Dictionary<string, string>(StringComparer.Ordinal) { [AccessKey] = SecretKey },
        });
        var query = $"pool={PoolId}";

        var unsigned = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?{query}");
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.DoesNotContain(Secret, unsigned.Body, StringComparison.Ordinal);
        Assert.Contains("--admin-token", unsigned.Body, StringComparison.Ordinal);

        var wrongKey = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?{query}", Signed(server, "/_ninsho/outbox", query, AccessKey, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.Status);
        Assert.DoesNotContain(Secret, wrongKey.Body, StringComparison.Ordinal);

        var signed = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?{query}", Signed(server, "/_ninsho/outbox", query, AccessKey, SecretKey));
        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Contains(Secret, signed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_serve_a_caller_beyond_loopback_that_sends_the_admin_token()
    {
        await using var server = await StartAsync(o => o with { AdminToken = AdminToken, TestRemoteAddress = Remote });

        var none = await SendAsync(server, HttpMethod.Get, "/_ninsho/outbox");
        Assert.Equal(HttpStatusCode.Forbidden, none.Status);

        var wrong = await SendAsync(server, HttpMethod.Get, "/_ninsho/outbox", r => r.Headers.Add("Authorization", "Bearer " + AdminToken[..^1] + "x"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.DoesNotContain(Secret, wrong.Body, StringComparison.Ordinal);

        var right = await SendAsync(server, HttpMethod.Get, "/_ninsho/outbox", r => r.Headers.Add("Authorization", "Bearer " + AdminToken));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains(Secret, right.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_require_a_credential_when_listening_beyond_loopback_or_when_one_is_configured()
    {
        Assert.False(new NinshoServerOptions().OperatorRoutesNeedCredential);
        Assert.Null(new NinshoServerOptions().OperatorRoutesWarning());
        Assert.True(new NinshoServerOptions { Host = "0.0.0.0" }.OperatorRoutesNeedCredential);
        Assert.Contains("--admin-token", new NinshoServerOptions { Host = "0.0.0.0" }.OperatorRoutesWarning(), StringComparison.Ordinal);
        Assert.Null(new NinshoServerOptions { Host = "0.0.0.0", AdminToken = AdminToken }.OperatorRoutesWarning());
        Assert.True(new NinshoServerOptions { AdminToken = AdminToken }.OperatorRoutesNeedCredential);
        Assert.NotNull(new NinshoServerOptions { AdminToken = "short" }.Problem());
    }

    /// <summary>DNS rebinding: a page on evil.example whose name the attacker points at 127.0.0.1 is same-origin with
    /// whatever it loads from there, so "no CORS" alone would not keep the outbox from it. Its requests arrive from
    /// loopback but name the attacker's host, which the operator routes refuse.</summary>
    [Fact]
    public async Task Does_refuse_a_loopback_request_that_names_another_host()
    {
        await using var server = await StartAsync(o => o);

        foreach (var host in new[] { "evil.example", "evil.example:9229", "127.0.0.1.evil.example" })
        {
            var read = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?pool={PoolId}", r => r.Headers.Host = host);
            Assert.Equal(HttpStatusCode.Forbidden, read.Status);
            Assert.DoesNotContain(Secret, read.Body, StringComparison.Ordinal);
        }

        foreach (var host in new[] { "localhost", "127.0.0.1:9229", "[::1]:9229", "LOCALHOST:1" })
        {
            var read = await SendAsync(server, HttpMethod.Get, $"/_ninsho/outbox?pool={PoolId}", r => r.Headers.Host = host);
            Assert.Equal(HttpStatusCode.OK, read.Status);
        }
    }

    private static async Task<InProcessServer> StartAsync(Func<NinshoServerOptions, NinshoServerOptions> configure)
    {
        var server = InProcessServer.With(configure);
        await server.InitializeAsync();
        _ = await server.Services.GetRequiredService<INinshoStorage>().Outbox.AddAsync(new StoredMessage
        {
            UserPoolId = PoolId,
            Username = "ann",
            Recipient = "ann@example.com",
            Medium = "EMAIL",
            Subject = "Your verification code",
            Body = "Your verification code is " + Secret,
            Code = Secret,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        }, Ct);
        return server;
    }

    private static Action<HttpRequestMessage> Preflight(string origin, string method, string? headers = null) => request =>
    {
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }
    };

    private static Action<HttpRequestMessage> Signed(InProcessServer server, string path, string query, string accessKey, string secretKey) => request =>
    {
        var amzDate = SigV4Signer.AmzDate(TimeProvider.System.GetUtcNow());
        request.Headers.Add("X-Amz-Date", amzDate);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = server.BaseUrl.Authority, ["x-amz-date"] = amzDate };
        _ = request.Headers.TryAddWithoutValidation("Authorization",
            SigV4Signer.Authorization("GET", path, query, headers, [], accessKey, secretKey, "us-east-1", "execute-api"));
    };

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(
        InProcessServer server, HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? setup = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(server.BaseUrl, pathAndQuery));
        setup?.Invoke(request);
        var response = await server.Http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
