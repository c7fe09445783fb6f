using System.Diagnostics;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>A Lambda host (test/js/lambda-host.mjs) and a Ninsho server pointed at it with <c>--lambda-endpoint</c>,
/// plus one function mapped to a webhook with <c>--trigger-webhook</c>, shared by <see cref="PreSignUpTriggerTests"/>.</summary>
public sealed class LambdaTriggerServerFixture : IAsyncLifetime
{
    /// <summary>The function name mapped to a webhook; its URL is the host's own Invoke URL of
    /// presignup-autoconfirm, which answers a plain unsigned POST as a webhook does.</summary>
    public const string WebhookFunction = "presignup-webhook";

    private LambdaHost? _host;
    private NinshoProcess? _server;

    public LambdaHost Host => _host ?? throw new InvalidOperationException("not started");

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("not started");

    public AwsCli Cli => new(Server.BaseUrl);

    public string WebhookUrl => $"{Host.BaseUrl}/2015-03-31/functions/presignup-autoconfirm/invocations";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _host = await LambdaHost.StartAsync(ct);
        _server = await NinshoProcess.StartAsync(ct, "--lambda-endpoint", _host.BaseUrl, "--trigger-webhook", $"{WebhookFunction}={WebhookUrl}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>PreSignUp through the aws CLI with real Node handlers (docs/triggers.md): what the function answers
/// decides the sign-up, each failure is Cognito's error, and the invocation log shows the event sent.</summary>
public sealed class PreSignUpTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string Password = CliSteps.Password;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_confirm_and_verify_the_user_when_the_function_says_so_and_logs_the_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("presignup-autoconfirm"), ct);

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "alice", "--password", Password,
            "--user-attributes", "Name=email,Value=alice@example.com", "Name=name,Value=Alice",
            "--validation-data", "Name=captcha,Value=ok", "--client-metadata", "origin=wire-test")).Ok();

        Assert.True(signUp.GetProperty("UserConfirmed").GetBoolean());
        Assert.False(signUp.TryGetProperty("CodeDeliveryDetails", out _));
        var user = await cli.GetUserAsync(pool, "alice", ct);
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
        Assert.Equal("true", Attribute(user, "email_verified"));
        _ = await cli.SignInAsync(client, "alice", ct);

        var logged = Assert.Single(await InvocationsAsync(fixture.Server, pool, ct));
        Assert.Equal("PreSignUp_SignUp", logged.Str("TriggerSource"));
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("ErrorType").ValueKind);
        var evt = logged.GetProperty("Event");
        Assert.Equal("1", evt.Str("version"));
        Assert.Equal(AwsCli.Region, evt.Str("region"));
        Assert.Equal(pool, evt.Str("userPoolId"));
        Assert.Equal("alice", evt.Str("userName"));
        Assert.Equal("PreSignUp_SignUp", evt.Str("triggerSource"));
        Assert.Equal(client, evt.GetProperty("callerContext").Str("clientId"));
        Assert.Equal("aws-sdk-unknown-unknown", evt.GetProperty("callerContext").Str("awsSdkVersion"));
        var request = evt.GetProperty("request");
        Assert.Equal("""{"email":"alice@example.com","name":"Alice"}""", request.GetProperty("userAttributes").GetRawText());
        Assert.Equal("""{"captcha":"ok"}""", request.GetProperty("validationData").GetRawText());
        Assert.Equal("""{"origin":"wire-test"}""", request.GetProperty("clientMetadata").GetRawText());
        Assert.Equal("""{"autoConfirmUser":false,"autoVerifyEmail":false,"autoVerifyPhone":false}""", evt.GetProperty("response").GetRawText());
        Assert.Contains("\"autoConfirmUser\":true", logged.Str("ResponseBody"), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_move_an_email_alias_to_the_new_user_when_the_function_verifies_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("alias-move", ct, "--alias-attributes", "email",
            "--lambda-config", JsonSerializer.Serialize(new Dictionary<string, string> { ["PreSignUp"] = LambdaHost.Arn("presignup-autoconfirm") }));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        _ = await cli.CreateConfirmedUserAsync(pool, "old", ct, "Name=email,Value=shared@example.com", "Name=email_verified,Value=true");
        _ = await cli.SignInAsync(client, "shared@example.com", ct);

        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "new", "--password", Password,
            "--user-attributes", "Name=email,Value=shared@example.com")).Ok();

        // The verified email now signs the new user in; the old user keeps the address, unverified.
        Assert.Equal("true", Attribute(await cli.GetUserAsync(pool, "new", ct), "email_verified"));
        Assert.Equal("false", Attribute(await cli.GetUserAsync(pool, "old", ct), "email_verified"));
        var tokens = await cli.SignInAsync(client, "shared@example.com", ct);
        Assert.Equal("new", Jwt.Payload(tokens.Str("AccessToken")).Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_with_the_function_message_and_leave_no_user_for_SignUp_and_AdminCreateUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("presignup-refuse"), ct);

        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "mallory", "--password", Password,
            "--user-attributes", "Name=email,Value=mallory@blocked.example"))
            .AssertError("UserLambdaValidationException", "SignUp", "PreSignUp failed with error Registration from this domain is not allowed..");
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "mallory"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", pool, "--username", "trudy", "--message-action", "SUPPRESS",
            "--user-attributes", "Name=email,Value=trudy@blocked.example"))
            .AssertError("UserLambdaValidationException", "AdminCreateUser", "PreSignUp failed with error Registration from this domain is not allowed..");
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "trudy"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        // Admin-created users pass PreSignUp_AdminCreateUser, without a client and with validationData null.
        _ = await cli.CreateUserAsync(pool, "bob", ct, "Name=email,Value=bob@example.com");
        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_AdminCreateUser"], logged.Select(l => l.Str("TriggerSource")));
        Assert.Equal("UserLambdaValidationException", logged[0].Str("ErrorType"));
        var admin = logged[2].GetProperty("Event");
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", admin.GetProperty("callerContext").Str("clientId"));
        Assert.Equal(JsonValueKind.Null, admin.GetProperty("request").GetProperty("validationData").ValueKind);
        Assert.False(admin.GetProperty("request").TryGetProperty("clientMetadata", out _));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_InvalidLambdaResponseException_for_no_answer_and_for_a_wrong_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("presignup-nothing"), ct);
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "carol", "--password", Password))
            .AssertError("InvalidLambdaResponseException", "SignUp", "Invalid lambda function output : Invalid JSON");
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "carol"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        var (_, _, shapeClient) = await PoolAsync(LambdaHost.Arn("presignup-bad-shape"), ct);
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", shapeClient, "--username", "carol", "--password", Password))
            .AssertError("InvalidLambdaResponseException", "SignUp", "Unrecognizable lambda output");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_UnexpectedLambdaException_when_the_function_is_slower_than_5_seconds_or_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(LambdaHost.Arn("presignup-slow"), ct);
        var watch = Stopwatch.StartNew();
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "dave", "--password", Password))
            .AssertError("UnexpectedLambdaException", "SignUp", "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(6.4));
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "dave"))
            .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");

        var (_, _, missingClient) = await PoolAsync(LambdaHost.Arn("no-such-function"), ct);
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", missingClient, "--username", "dave", "--password", Password))
            .AssertError("UnexpectedLambdaException", "SignUp", "PreSignUp invocation failed due to error ResourceNotFoundException.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_send_the_event_to_a_webhook_mapped_to_the_function()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync($"arn:aws:lambda:{AwsCli.Region}:123456789012:function:{LambdaTriggerServerFixture.WebhookFunction}", ct);

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "erin", "--password", Password)).Ok();

        Assert.True(signUp.GetProperty("UserConfirmed").GetBoolean());
        var logged = Assert.Single(await InvocationsAsync(fixture.Server, pool, ct));
        Assert.Equal(fixture.WebhookUrl, logged.Str("Target"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fail_rather_than_skip_a_trigger_it_cannot_call()
    {
        var ct = TestContext.Current.CancellationToken;
        var arn = LambdaHost.Arn("presignup-autoconfirm");

        // No --lambda-endpoint and no webhook: Cognito's form, with a code that names what is missing.
        await using (var bare = await NinshoProcess.StartAsync(ct))
        {
            var (cli, pool, client) = await PoolAsync(arn, ct, new AwsCli(bare.BaseUrl));
            (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "frank", "--password", Password))
                .AssertError("UnexpectedLambdaException", "SignUp", "PreSignUp invocation failed due to error NinshoLambdaEndpointNotConfigured.");
            (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", pool, "--username", "frank"))
                .AssertError("UserNotFoundException", "AdminGetUser", "User does not exist.");
            var logged = Assert.Single(await InvocationsAsync(bare, pool, ct));
            Assert.Equal("UnexpectedLambdaException", logged.Str("ErrorType"));
        }

        // An endpoint nobody listens on.
        await using (var unreachable = await NinshoProcess.StartAsync(ct, "--lambda-endpoint", "http://127.0.0.1:9"))
        {
            var (cli, _, client) = await PoolAsync(arn, ct, new AwsCli(unreachable.BaseUrl));
            (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "frank", "--password", Password))
                .AssertError("UnexpectedLambdaException", "SignUp", "PreSignUp invocation failed due to error ServiceException.");
        }
    }

    private async Task<(AwsCli Cli, string Pool, string Client)> PoolAsync(string functionArn, CancellationToken ct, AwsCli? cli = null)
    {
        cli ??= fixture.Cli;
        var pool = await cli.CreatePoolAsync("triggers", ct, "--lambda-config", JsonSerializer.Serialize(new Dictionary<string, string> { ["PreSignUp"] = functionArn }));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        return (cli, pool, client);
    }

    private static string? Attribute(JsonElement user, string name) =>
        user.GetProperty("UserAttributes").EnumerateArray().FirstOrDefault(a => a.Str("Name") == name) is { ValueKind: JsonValueKind.Object } a
            ? a.Str("Value")
            : null;

    private static async Task<IReadOnlyList<JsonElement>> InvocationsAsync(NinshoProcess server, string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"{server.BaseUrl}/_ninsho/triggers?pool={pool}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.Clone())];
    }
}
