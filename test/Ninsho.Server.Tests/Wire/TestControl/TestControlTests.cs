using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// The test-control API (docs/test-control.md) and the <c>_custom_id_</c> tag, through the real server: raw HTTP
/// for <c>/_ninsho/</c>, the aws CLI for the Cognito side; and the Node and Python examples that use the API.
/// </summary>
public sealed class TestControlTests
{
    private const string Pool = "ap-northeast-1_Example01";
    private const string Client = "exampleclient0000000000001";

    private static string Example => Path.Combine(RepoPaths.Root, "examples", "seed.yaml");

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Custom_id_tags_choose_the_ids_of_pools_clients_and_identity_pools()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var cli = new AwsCli(server.BaseUrl);

        var pool = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "fixed",
            "--user-pool-tags", "_custom_id_=ap-northeast-1_Fixed0001,team=web")).Ok().Prop("UserPool");
        Assert.Equal("ap-northeast-1_Fixed0001", pool.Str("Id"));
        Assert.Equal(["team"], pool.Prop("UserPoolTags").Names());
        (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "again", "--user-pool-tags", "_custom_id_=ap-northeast-1_Fixed0001"))
            .AssertError("InvalidParameterException", "CreateUserPool", "A user pool with the id ap-northeast-1_Fixed0001 already exists.");
        (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "other", "--user-pool-tags", "_custom_id_=us-east-1_Fixed0001"))
            .AssertErrorStartsWith("InvalidParameterException", "CreateUserPool", "The user pool id 'us-east-1_Fixed0001' chosen with _custom_id_ must look like ap-northeast-1_");

        var client = (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", "ap-northeast-1_Fixed0001",
            "--client-name", "_custom_id_=myclient123")).Ok().Prop("UserPoolClient");
        Assert.Equal("myclient123", client.Str("ClientId"));
        (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", "ap-northeast-1_Fixed0001", "--client-name", "_custom_id_=myclient123"))
            .AssertError("InvalidParameterException", "CreateUserPoolClient", "An app client with the id myclient123 already exists.");

        var identity = (await cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "fixed", "--allow-unauthenticated-identities",
            "--identity-pool-tags", "_custom_id_=ap-northeast-1:00000000-0000-4000-8000-000000000001")).Ok();
        Assert.Equal("ap-northeast-1:00000000-0000-4000-8000-000000000001", identity.Str("IdentityPoolId"));

        // Without the tag, ids stay random.
        var plain = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "plain")).Ok().Prop("UserPool");
        Assert.Matches("^ap-northeast-1_[0-9A-Za-z]{9}$", plain.Str("Id"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Reset_wait_for_a_code_move_the_clock_and_a_user_with_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", Example);
        var cli = new AwsCli(server.BaseUrl);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        // A confirmed user with tokens in one call; the access token works.
        var user = await PostAsync(http, "/_ninsho/users",
            $$$"""{"UserPoolId":"{{{Pool}}}","ClientId":"{{{Client}}}","Username":"carol@example.com","Attributes":{"email":"carol@example.com"}}""", ct);
        var access = user.GetProperty("AuthenticationResult").Str("AccessToken");
        (await cli.CognitoIdpAsync(ct, "get-user", "--access-token", access)).Ok();
        var issuedAt = Jwt.Payload(access).GetProperty("iat").GetInt64();

        // Sign-up, then wait for its code (the long poll answers when the message lands).
        var waiting = http.GetStringAsync(new Uri("/_ninsho/outbox?recipient=dave@example.com&wait=20", UriKind.Relative), ct);
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", Client, "--username", "dave@example.com", "--password", "Passw0rd!",
            "--user-attributes", "Name=email,Value=dave@example.com")).Ok();
        var code = Assert.Single(JsonDocument.Parse(await waiting).RootElement.Items("Messages")).Str("Code");
        Assert.Matches("^[0-9]{6}$", code);
        var none = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_ninsho/outbox?recipient=nobody@example.com&wait=0.2", UriKind.Relative), ct));
        Assert.Empty(none.RootElement.Items("Messages"));

        // Two hours on: the access token has expired; new tokens carry the moved time.
        var clock = await PostAsync(http, "/_ninsho/clock?advance=2h", string.Empty, ct);
        Assert.Equal(7200, clock.GetProperty("OffsetSeconds").GetInt64());
        (await cli.CognitoIdpAsync(ct, "get-user", "--access-token", access))
            .AssertError("NotAuthorizedException", "GetUser", "Access Token has expired");
        var later = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", Client,
            "--auth-parameters", "USERNAME=alice@example.com,PASSWORD=Passw0rd!")).Ok();
        Assert.InRange(Jwt.Payload(later.Prop("AuthenticationResult").Str("AccessToken")).GetProperty("iat").GetInt64() - issuedAt, 7190, 7400);

        // A day on: the sign-up code (valid 24 hours) has expired.
        _ = await PostAsync(http, "/_ninsho/clock?advance=1d", string.Empty, ct);
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", Client, "--username", "dave@example.com", "--confirmation-code", code))
            .AssertErrorStartsWith("ExpiredCodeException", "ConfirmSignUp", "Invalid code provided, please request a code again.");

        // A refresh token (sealed: it carries its expiry) refreshes until its 30 days are over, then is refused as expired.
        var refreshToken = later.Prop("AuthenticationResult").Str("RefreshToken");
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--auth-flow", "REFRESH_TOKEN_AUTH", "--client-id", Client,
            "--auth-parameters", $"REFRESH_TOKEN={refreshToken}")).Ok();
        _ = await PostAsync(http, "/_ninsho/clock?advance=29d", string.Empty, ct);
        _ = await PostAsync(http, "/_ninsho/clock?advance=1h", string.Empty, ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--auth-flow", "REFRESH_TOKEN_AUTH", "--client-id", Client,
            "--auth-parameters", $"REFRESH_TOKEN={refreshToken}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Refresh Token has expired");

        // moto's reset: the sign-ups are gone, the seed is back, the clock is real again.
        var reset = await PostAsync(http, "/moto-api/reset", string.Empty, ct);
        Assert.Equal("ok", reset.Str("status"));
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", Pool, "--username", "dave@example.com"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", Pool, "--username", "alice@example.com")).Ok();
        Assert.Equal(0, (await GetAsync(http, "/_ninsho/clock", ct)).GetProperty("OffsetSeconds").GetInt64());

        // One pool: a pool made by the API goes, the seeded one comes back.
        var other = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "other")).Ok().Prop("UserPool").Str("Id");
        var one = await PostAsync(http, "/_ninsho/reset?pool=" + other, string.Empty, ct);
        Assert.Equal(1, one.GetProperty("UserPoolsDeleted").GetInt32());
        (await cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", other))
            .AssertError("ResourceNotFoundException", "DescribeUserPool", $"User pool {other} does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Control_routes_refuse_cross_origin_callers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        foreach (var path in new[] { "/_ninsho/reset", "/moto-api/reset", "/_ninsho/clock?advance=1h" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Add("Origin", "http://evil.example");
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(0, (await GetAsync(http, "/_ninsho/clock", ct)).GetProperty("OffsetSeconds").GetInt64());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_node_example_resets_waits_for_a_code_and_expires_a_token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", Example);
        var result = await ChildProcess.RunAsync("node", [Path.Combine(RepoPaths.JsDir, "test-control.mjs"), server.BaseUrl],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null }, TimeSpan.FromSeconds(60), RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"test-control.mjs failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        Assert.Contains("ok: reset, code, expired token", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_python_example_resets_waits_for_a_code_and_expires_a_token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", Example);
        var dir = Path.Combine(RepoPaths.Root, "test", "py");
        var result = await ChildProcess.RunAsync("python3", [Path.Combine(dir, "test_control.py"), server.BaseUrl],
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
                ["AWS_PROFILE"] = null,
                ["AWS_ENDPOINT_URL"] = null,
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            },
            TimeSpan.FromSeconds(60), dir, ct);
        Assert.True(result.ExitCode == 0, $"test_control.py failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        Assert.Contains("ok: reset, code, expired token", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path, CancellationToken ct) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative), ct)).RootElement.Clone();
}
