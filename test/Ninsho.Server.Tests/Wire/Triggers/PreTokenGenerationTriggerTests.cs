using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using static Ninsho.Server.Tests.TriggerWireSteps;

namespace Ninsho.Server.Tests;

/// <summary>PreTokenGeneration V1_0, V2_0 and V3_0 through the aws CLI and the token endpoint with real Node handlers
/// (docs/triggers.md#pretokengeneration): what the function answers changes the tokens, except the claims Cognito
/// keeps, and the README's worked example verifies with aws-jwt-verify.</summary>
public sealed class PreTokenGenerationTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string Admin = "arn:aws:iam::123456789012:role/admin";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_apply_V1_claims_and_groups_to_the_ID_token_keep_Cognito_claims_and_run_again_on_refresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;

        // Only the plain PreTokenGeneration member: V1_0.
        var (pool, client) = await PoolAsync(cli, Config("PreTokenGeneration", "pretoken-v1"), "alice@example.com", ct);
        (await cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", pool, "--group-name", "readers")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", pool, "--username", "alice", "--group-name", "readers")).OkEmpty();

        var tokens = await AdminSignInAsync(cli, pool, client, "alice", ct, "--client-metadata", "origin=initiate");
        var id = JwtPayload.Decode(tokens.Str("IdToken"));
        var user = await cli.GetUserAsync(pool, "alice", ct);
        Assert.Equal("acme", id.Str("tenant"));
        Assert.Equal("override@example.com", id.Str("email"));
        Assert.Equal("TokenGeneration_Authentication", id.Str("source"));
        Assert.False(id.TryGetProperty("name", out _));
        Assert.Equal(user.GetProperty("UserAttributes").EnumerateArray().First(a => a.Str("Name") == "sub").Str("Value"), id.Str("sub"));
        Assert.Equal("alice", id.Str("cognito:username"));
        Assert.EndsWith(pool, id.Str("iss"), StringComparison.Ordinal);
        Assert.Equal(["admins"], id.Strings("cognito:groups"));
        Assert.Equal([Admin], id.Strings("cognito:roles"));
        Assert.Equal(Admin, id.Str("cognito:preferred_role"));
        var access = JwtPayload.Decode(tokens.Str("AccessToken"));
        Assert.Equal(["admins"], access.Strings("cognito:groups"));
        Assert.False(access.TryGetProperty("tenant", out _));
        _ = await NodeTokenVerifier.VerifyAsync(fixture.Server.BaseUrl, pool, tokens.Str("IdToken"), "id", client, ct);

        var refreshed = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok().Prop("AuthenticationResult");
        Assert.Equal("TokenGeneration_RefreshTokens", JwtPayload.Decode(refreshed.Str("IdToken")).Str("source"));

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["TokenGeneration_Authentication", "TokenGeneration_RefreshTokens"], logged.Select(l => l.Str("TriggerSource")));
        var evt = logged[0].GetProperty("Event");
        Assert.Equal("1", evt.Str("version"));
        var request = evt.GetProperty("request");
        Assert.Equal("""{"groupsToOverride":["readers"],"iamRolesToOverride":[],"preferredRole":null}""", request.GetProperty("groupConfiguration").GetRawText());
        Assert.Equal("CONFIRMED", request.GetProperty("userAttributes").Str("cognito:user_status"));
        Assert.False(request.TryGetProperty("scopes", out _));
        Assert.False(request.TryGetProperty("clientMetadata", out _));
        Assert.Equal("""{"claimsOverrideDetails":null}""", evt.GetProperty("response").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_apply_V2_claims_of_any_type_and_scopes_to_both_tokens_and_pass_GetTokensFromRefreshToken_metadata()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, PreTokenConfig("V2_0", "pretoken-v2"), "alice@example.com", ct);
        (await cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", pool, "--group-name", "readers")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", pool, "--username", "alice", "--group-name", "readers")).OkEmpty();

        var tokens = await cli.SignInAsync(client, "alice", ct);
        var id = JwtPayload.Decode(tokens.Str("IdToken"));
        Assert.Equal("""{"id":7,"tags":["a","b"]}""", id.GetProperty("tenant").GetRawText());
        Assert.False(id.TryGetProperty("email", out _));
        Assert.True(id.GetProperty("email_verified").GetBoolean());
        Assert.Equal(["readers"], id.Strings("cognito:groups"));
        var access = JwtPayload.Decode(tokens.Str("AccessToken"));
        Assert.Equal("acme", access.Str("tenant"));
        Assert.Equal(client, access.Str("aud"));
        Assert.Equal("alice", access.Str("username"));
        Assert.True(access.GetProperty("exp").GetInt64() > 1);
        Assert.Equal("reports/read", access.Str("scope"));
        Assert.False(access.TryGetProperty("cognito:groups", out _));

        var refreshed = (await cli.CognitoIdpAsync(ct, "get-tokens-from-refresh-token", "--client-id", client,
            "--refresh-token", tokens.Str("RefreshToken"), "--client-metadata", "step=refresh")).Ok().Prop("AuthenticationResult");
        Assert.Equal("TokenGeneration_RefreshTokens", JwtPayload.Decode(refreshed.Str("AccessToken")).Str("source"));

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        var evt = logged[0].GetProperty("Event");
        Assert.Equal("2", evt.Str("version"));
        Assert.Equal("""["aws.cognito.signin.user.admin"]""", evt.GetProperty("request").GetProperty("scopes").GetRawText());
        Assert.Equal("""{"claimsAndScopeOverrideDetails":null}""", evt.GetProperty("response").GetRawText());
        Assert.Equal("""{"step":"refresh"}""", logged[1].GetProperty("Event").GetProperty("request").GetProperty("clientMetadata").GetRawText());
    }

    /// <summary>The README's worked example: test/js/triggers/pretoken-add-claim.mjs on a V2_0 pool, and aws-jwt-verify
    /// sees the claim.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_add_the_README_example_claim_that_aws_jwt_verify_sees()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, PreTokenConfig("V2_0", "pretoken-add-claim"), "alice@example.com", ct);

        var tokens = await AdminSignInAsync(cli, pool, client, "alice", ct);

        var access = await NodeTokenVerifier.VerifyAsync(fixture.Server.BaseUrl, pool, tokens.Str("AccessToken"), "access", client, ct);
        Assert.Equal("acme", access.Str("tenant"));
        var id = await NodeTokenVerifier.VerifyAsync(fixture.Server.BaseUrl, pool, tokens.Str("IdToken"), "id", client, ct);
        Assert.Equal("acme", id.Str("tenant"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fail_the_sign_in_without_tokens_when_the_function_throws()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, Config("PreTokenGeneration", "pretoken-refuse"), "alice@example.com", ct);

        (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=alice,PASSWORD={CliSteps.Password}"))
            .AssertError("UserLambdaValidationException", "AdminInitiateAuth", "PreTokenGeneration failed with error No tokens today.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_shape_client_credentials_tokens_only_with_V3()
    {
        var ct = TestContext.Current.CancellationToken;
        var (v3Pool, v3Client, v3Secret) = await MachineClientAsync(PreTokenConfig("V3_0", "pretoken-v2"), ct);
        var token = await ClientCredentialsAsync(v3Client, v3Secret, ct, ("aws_client_metadata", """{"caller":"batch"}"""));
        var access = await NodeTokenVerifier.VerifyAsync(fixture.Server.BaseUrl, v3Pool, token, "access", v3Client, ct);
        Assert.Equal("acme", access.Str("tenant"));
        Assert.Equal("TokenGeneration_ClientCredentials", access.Str("source"));
        Assert.Equal("api/read reports/read", access.Str("scope"));
        Assert.Equal(v3Client, access.Str("sub"));
        var evt = Assert.Single(await InvocationsAsync(fixture.Server, v3Pool, ct)).GetProperty("Event");
        Assert.Equal("3", evt.Str("version"));
        Assert.Equal("""["api/read"]""", evt.GetProperty("request").GetProperty("scopes").GetRawText());
        Assert.Equal("""{"caller":"batch"}""", evt.GetProperty("request").GetProperty("clientMetadata").GetRawText());

        // V2_0 does not run for machine-to-machine tokens.
        var (v2Pool, v2Client, v2Secret) = await MachineClientAsync(PreTokenConfig("V2_0", "pretoken-v2"), ct);
        var plain = JwtPayload.Decode(await ClientCredentialsAsync(v2Client, v2Secret, ct));
        Assert.False(plain.TryGetProperty("tenant", out _));
        Assert.Empty(await InvocationsAsync(fixture.Server, v2Pool, ct));
    }

    /// <summary>Not an assertion: prints the median ADMIN_USER_PASSWORD_AUTH time with and without a pre token
    /// generation trigger on one server (raw HTTP, so the aws CLI's start-up does not hide it).</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Measures_the_latency_one_trigger_adds_to_a_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (plainPool, plainClient) = await PoolAsync(cli, "{}", "alice@example.com", ct);
        var (triggerPool, triggerClient) = await PoolAsync(cli, PreTokenConfig("V2_0", "pretoken-add-claim"), "alice@example.com", ct);
        using var raw = new RawCognito(fixture.Server.BaseUrl);

        async Task<double> MedianAsync(string pool, string client)
        {
            var body = JsonSerializer.Serialize(new
            {
                UserPoolId = pool,
                ClientId = client,
                AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = CliSteps.Password },
            });
            var times = new List<double>();
            for (var i = 0; i < 22; i++)
            {
                var watch = Stopwatch.StartNew();
                var response = await raw.IdpAsync("AdminInitiateAuth", body, ct);
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, response.Status);
                if (i >= 2)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            return (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        }

        var without = await MedianAsync(plainPool, plainClient);
        var with = await MedianAsync(triggerPool, triggerClient);
        TestContext.Current.SendDiagnosticMessage(
            $"ADMIN_USER_PASSWORD_AUTH median over 20 sign-ins: {without:F1} ms without a trigger, {with:F1} ms with PreTokenGeneration ({with - without:F1} ms added)");
        Console.WriteLine($"TRIGGER-LATENCY without={without:F1}ms with={with:F1}ms added={with - without:F1}ms");
    }

    private async Task<(string Pool, string Client, string Secret)> MachineClientAsync(string lambdaConfig, CancellationToken ct)
    {
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("m2m-triggers", ct, "--lambda-config", lambdaConfig);
        (await cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", pool, "--identifier", "api", "--name", "api",
            "--scopes", "ScopeName=read,ScopeDescription=Read")).Ok();
        var client = await cli.CreateClientAsync(pool, "service", ct, "--generate-secret", "--allowed-o-auth-flows", "client_credentials",
            "--allowed-o-auth-scopes", "api/read", "--allowed-o-auth-flows-user-pool-client");
        return (pool, client.Str("ClientId"), client.Str("ClientSecret"));
    }

    private async Task<string> ClientCredentialsAsync(string client, string secret, CancellationToken ct, params (string Name, string Value)[] extra)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.BaseUrl + "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials"), .. extra.Select(e => KeyValuePair.Create(e.Name, e.Value))]),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client}:{secret}")));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Str("access_token");
    }
}
