using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>CUSTOM_AUTH on the define/create/verify triggers (docs/triggers.md#custom-authentication) with real Node
/// handlers (test/js/triggers/define-secret, create-secret, verify-secret: a secret word, three attempts) and real
/// clients: the aws CLI, amazon-cognito-identity-js and Amplify JS v6.</summary>
public sealed class CustomAuthTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string Answer = "ninsho";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_issue_tokens_for_the_right_answer_and_log_the_session_growing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(ct);

        var start = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "CUSTOM_AUTH",
            "--auth-parameters", "USERNAME=alice")).Ok();
        Assert.Equal("CUSTOM_CHALLENGE", start.Str("ChallengeName"));
        Assert.Equal("What is the secret word?", start.Prop("ChallengeParameters").Str("question"));
        Assert.False(start.Prop("ChallengeParameters").TryGetProperty("answer", out _));

        var wrong = (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
            "--session", start.Str("Session"), "--challenge-responses", "USERNAME=alice,ANSWER=nope", "--client-metadata", "step=two")).Ok();
        Assert.Equal("CUSTOM_CHALLENGE", wrong.Str("ChallengeName"));
        Assert.NotEqual(start.Str("Session"), wrong.Str("Session"));

        var done = (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
            "--session", wrong.Str("Session"), "--challenge-responses", $"USERNAME=alice,ANSWER={Answer}")).Ok();
        var tokens = done.Prop("AuthenticationResult");
        Assert.Equal("alice", Jwt.Payload(tokens.Str("AccessToken")).Str("username"));

        // A session answers once: sending the used one again is refused.
        (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
            "--session", wrong.Str("Session"), "--challenge-responses", $"USERNAME=alice,ANSWER={Answer}"))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user.");

        var logged = await InvocationsAsync(pool, ct);
        Assert.Equal(
            ["DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
             "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
             "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication"],
            logged.Select(l => l.Str("TriggerSource")));
        var defines = logged.Where(l => l.Str("TriggerSource").StartsWith("Define", StringComparison.Ordinal)).Select(l => l.GetProperty("Event").GetProperty("request")).ToList();
        Assert.Equal("[]", defines[0].GetProperty("session").GetRawText());
        Assert.Equal("""[{"challengeName":"CUSTOM_CHALLENGE","challengeResult":false,"challengeMetadata":"SECRET-1"}]""", defines[1].GetProperty("session").GetRawText());
        Assert.Equal(
            """[{"challengeName":"CUSTOM_CHALLENGE","challengeResult":false,"challengeMetadata":"SECRET-1"},{"challengeName":"CUSTOM_CHALLENGE","challengeResult":true,"challengeMetadata":"SECRET-2"}]""",
            defines[2].GetProperty("session").GetRawText());
        Assert.Equal("alice@example.com", defines[0].GetProperty("userAttributes").Str("email"));
        Assert.False(defines[0].TryGetProperty("clientMetadata", out _));
        Assert.Equal("""{"step":"two"}""", defines[1].GetProperty("clientMetadata").GetRawText());
        var create = logged[1].GetProperty("Event").GetProperty("request");
        Assert.Equal("CUSTOM_CHALLENGE", create.Str("challengeName"));
        var verify = logged[2].GetProperty("Event").GetProperty("request");
        Assert.Equal("nope", verify.Str("challengeAnswer"));
        Assert.Equal("""{"answer":"ninsho"}""", verify.GetProperty("privateChallengeParameters").GetRawText());
        Assert.Equal("alice", logged[2].GetProperty("Event").Str("userName"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fail_after_three_wrong_answers_also_through_the_admin_calls()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(ct);

        var round = (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "CUSTOM_AUTH",
            "--auth-parameters", "USERNAME=alice")).Ok();
        for (var i = 0; i < 2; i++)
        {
            round = (await cli.CognitoIdpAsync(ct, "admin-respond-to-auth-challenge", "--user-pool-id", pool, "--client-id", client,
                "--challenge-name", "CUSTOM_CHALLENGE", "--session", round.Str("Session"), "--challenge-responses", "USERNAME=alice,ANSWER=wrong")).Ok();
            Assert.Equal("CUSTOM_CHALLENGE", round.Str("ChallengeName"));
        }

        (await cli.CognitoIdpAsync(ct, "admin-respond-to-auth-challenge", "--user-pool-id", pool, "--client-id", client,
            "--challenge-name", "CUSTOM_CHALLENGE", "--session", round.Str("Session"), "--challenge-responses", "USERNAME=alice,ANSWER=wrong"))
            .AssertError("NotAuthorizedException", "AdminRespondToAuthChallenge", "Incorrect username or password.");

        // The admin flow gives tokens for the right answer too.
        var again = (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "CUSTOM_AUTH",
            "--auth-parameters", "USERNAME=alice")).Ok();
        var done = (await cli.CognitoIdpAsync(ct, "admin-respond-to-auth-challenge", "--user-pool-id", pool, "--client-id", client,
            "--challenge-name", "CUSTOM_CHALLENGE", "--session", again.Str("Session"), "--challenge-responses", $"USERNAME=alice,ANSWER={Answer}")).Ok();
        Assert.True(done.Prop("AuthenticationResult").TryGetProperty("IdToken", out _));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_the_rounds_for_an_unknown_user_when_existence_errors_are_prevented_and_check_SECRET_HASH()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, _) = await PoolAsync(ct);
        var created = await cli.CreateClientAsync(pool, "custom-secret", ct, "--generate-secret", "--prevent-user-existence-errors", "ENABLED",
            "--explicit-auth-flows", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        var (client, secret) = (created.Str("ClientId"), created.Str("ClientSecret"));

        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "CUSTOM_AUTH", "--auth-parameters", "USERNAME=alice"))
            .AssertError("NotAuthorizedException", "InitiateAuth", $"Client {client} is configured for secret but secret was not received");

        // An unknown user gets the same rounds as a real one (define sees userNotFound); even the right answer, which makes
        // define issue tokens, ends in the error a wrong password gives.
        var round = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "CUSTOM_AUTH",
            "--auth-parameters", $"USERNAME=ghost,SECRET_HASH={SecretHash(secret, "ghost", client)}")).Ok();
        Assert.Equal("CUSTOM_CHALLENGE", round.Str("ChallengeName"));
        var sessions = new List<string> { round.Str("Session") };
        for (var i = 0; i < 2; i++)
        {
            round = (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
                "--session", round.Str("Session"),
                "--challenge-responses", $"USERNAME=ghost,ANSWER=wrong,SECRET_HASH={SecretHash(secret, "ghost", client)}")).Ok();
            Assert.Equal("CUSTOM_CHALLENGE", round.Str("ChallengeName"));
            sessions.Add(round.Str("Session"));
        }

        (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
            "--session", round.Str("Session"),
            "--challenge-responses", $"USERNAME=ghost,ANSWER={Answer},SECRET_HASH={SecretHash(secret, "ghost", client)}"))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Incorrect username or password.");

        // The Session a client sends back fits the model's 2048 characters even after three rounds.
        Assert.All(sessions, s => Assert.InRange(s.Length, 20, 2048));
        var defines = (await InvocationsAsync(pool, ct)).Where(l => l.Str("TriggerSource") == "DefineAuthChallenge_Authentication")
            .Select(l => l.GetProperty("Event")).ToList();
        Assert.NotEmpty(defines);
        Assert.All(defines, d => Assert.True(d.GetProperty("request").GetProperty("userNotFound").GetBoolean()));
        Assert.Equal("ghost", defines[0].Str("userName"));

        // The same client with a known user and the right hash signs in.
        var known = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "CUSTOM_AUTH",
            "--auth-parameters", $"USERNAME=alice,SECRET_HASH={SecretHash(secret, "alice", client)}")).Ok();
        var done = (await cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", client, "--challenge-name", "CUSTOM_CHALLENGE",
            "--session", known.Str("Session"),
            "--challenge-responses", $"USERNAME=alice,ANSWER={Answer},SECRET_HASH={SecretHash(secret, "alice", client)}")).Ok();
        Assert.True(done.Prop("AuthenticationResult").TryGetProperty("AccessToken", out _));
    }

    /// <summary>SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)) (docs/cognito-behaviour.md#secret-hash).</summary>
    private static string SecretHash(string secret, string username, string clientId) =>
        Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(username + clientId)));

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_CUSTOM_AUTH_without_the_client_flow_or_the_define_trigger()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (_, pool, _) = await PoolAsync(ct);
        var passwordOnly = await cli.CreatePasswordClientAsync(pool, ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", passwordOnly, "--auth-flow", "CUSTOM_AUTH", "--auth-parameters", "USERNAME=alice"))
            .AssertError("InvalidParameterException", "InitiateAuth", "Custom auth flow not enabled for this client");

        var bare = await cli.CreatePoolAsync("no-triggers", ct);
        var bareClient = (await cli.CreateClientAsync(bare, "custom", ct, "--explicit-auth-flows", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        _ = await cli.CreateConfirmedUserAsync(bare, "alice", ct);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", bareClient, "--auth-flow", "CUSTOM_AUTH", "--auth-parameters", "USERNAME=alice"))
            .AssertError("UnexpectedLambdaException", "InitiateAuth", "null invocation failed due to configuration.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_SRP_first_with_CHALLENGE_NAME_SRP_A_for_amazon_cognito_identity_js()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, pool, client) = await PoolAsync(ct);

        var report = await RunJourneyAsync("acij-srp", pool, client, ct);

        Assert.Equal(
            ["InitiateAuth:CUSTOM_AUTH:SRP_A", "RespondToAuthChallenge:PASSWORD_VERIFIER", "RespondToAuthChallenge:CUSTOM_CHALLENGE",
             "RespondToAuthChallenge:CUSTOM_CHALLENGE"],
            report.GetProperty("trace").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("alice", report.GetProperty("signIn").Str("username"));
        var sessions = (await InvocationsAsync(pool, ct))
            .Where(l => l.Str("TriggerSource") == "DefineAuthChallenge_Authentication")
            .Select(l => l.GetProperty("Event").GetProperty("request").GetProperty("session").GetRawText()).ToList();
        Assert.Equal("""[{"challengeName":"SRP_A","challengeResult":true,"challengeMetadata":null}]""", sessions[0]);
        Assert.StartsWith(
            """[{"challengeName":"SRP_A","challengeResult":true,"challengeMetadata":null},{"challengeName":"PASSWORD_VERIFIER","challengeResult":true,"challengeMetadata":null}]""",
            sessions[1], StringComparison.Ordinal);
        Assert.Equal(4, sessions.Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_the_custom_challenge_of_amazon_cognito_identity_js_initiateAuth()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, pool, client) = await PoolAsync(ct);

        var report = await RunJourneyAsync("acij-custom", pool, client, ct);

        Assert.Equal(
            ["InitiateAuth:CUSTOM_AUTH", "RespondToAuthChallenge:CUSTOM_CHALLENGE", "RespondToAuthChallenge:CUSTOM_CHALLENGE"],
            report.GetProperty("trace").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("What is the secret word?", report.GetProperty("challenge").Str("question"));
        Assert.True(report.GetProperty("signIn").GetProperty("valid").GetBoolean());
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("amplify-custom", new[] { "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "DONE" })]
    [InlineData("amplify-srp", new[] { "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "DONE" })]
    public async Task Does_sign_in_Amplify_v6_with_a_custom_challenge(string mode, string[] steps)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, pool, client) = await PoolAsync(ct);

        var report = await RunJourneyAsync(mode, pool, client, ct);

        Assert.Equal(steps, report.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("What is the secret word?", report.GetProperty("challenge").Str("question"));
        Assert.True(report.GetProperty("signIn").GetProperty("signedIn").GetBoolean());
        Assert.Equal("alice", report.GetProperty("signIn").Str("username"));
    }

    private async Task<(AwsCli Cli, string Pool, string Client)> PoolAsync(CancellationToken ct)
    {
        var cli = fixture.Cli;
        var lambdaConfig = new Dictionary<string, string>
        {
            ["DefineAuthChallenge"] = LambdaHost.Arn("define-secret"),
            ["CreateAuthChallenge"] = LambdaHost.Arn("create-secret"),
            ["VerifyAuthChallengeResponse"] = LambdaHost.Arn("verify-secret"),
        };
        var pool = await cli.CreatePoolAsync("custom-auth", ct, "--lambda-config", JsonSerializer.Serialize(lambdaConfig));
        var client = (await cli.CreateClientAsync(pool, "custom", ct,
            "--explicit-auth-flows", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        _ = await cli.CreateConfirmedUserAsync(pool, "alice", ct, "Name=email,Value=alice@example.com");
        return (cli, pool, client);
    }

    private async Task<JsonElement> RunJourneyAsync(string mode, string pool, string client, CancellationToken ct)
    {
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "aws-amplify", "package.json")),
            "aws-amplify / amazon-cognito-identity-js are missing: run scripts/setup.sh (it runs 'npm ci' in test/js).");
        var result = await ChildProcess.RunAsync(
            "node", [Path.Combine(RepoPaths.JsDir, "custom-auth-journey.mjs"), mode, fixture.Server.BaseUrl, pool, client, "alice", CliSteps.Password, Answer],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            TimeSpan.FromSeconds(60), RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode == 0, $"custom-auth-journey.mjs {mode} failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }

    private async Task<IReadOnlyList<JsonElement>> InvocationsAsync(string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"{fixture.Server.BaseUrl}/_ninsho/triggers?pool={pool}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.Clone())];
    }
}
