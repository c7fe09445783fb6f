using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>CustomMessage through the aws CLI with real Node handlers (docs/triggers.md#custommessage): every
/// operation that sends a message asks the function first, the outbox holds the function's text with the real code,
/// null fields keep the pool's template, and a text without the code placeholder is refused.</summary>
public sealed class CustomMessageTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string Password = CliSteps.Password;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_ask_the_function_for_every_message_and_send_its_text_with_the_real_code()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync("custommessage-branded", ct);
        const string Email = "alice@example.com";

        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "alice", "--password", Password,
            "--user-attributes", $"Name=email,Value={Email}", "--client-metadata", "campaign=spring")).Ok();
        var signUp = await LastMessageAsync(pool, Email, ct);
        Assert.Equal("Example code (CustomMessage_SignUp)", signUp.Str("Subject"));
        Assert.Equal($"<p>Your Example code is <b>{signUp.Str("Code")}</b>.</p>", signUp.Str("Body"));

        (await cli.CognitoIdpAsync(ct, "resend-confirmation-code", "--client-id", client, "--username", "alice")).Ok();
        var resent = await LastMessageAsync(pool, Email, ct);
        Assert.Equal($"<p>Your Example code is <b>{resent.Str("Code")}</b>.</p>", resent.Str("Body"));
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", client, "--username", "alice", "--confirmation-code", resent.Str("Code"))).OkEmpty();

        (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "alice")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-reset-user-password", "--user-pool-id", pool, "--username", "alice")).OkEmpty();
        var reset = await LastMessageAsync(pool, Email, ct);
        Assert.Equal("Example code (CustomMessage_ForgotPassword)", reset.Str("Subject"));
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", client, "--username", "alice", "--password", Password,
            "--confirmation-code", reset.Str("Code"))).OkEmpty();

        var tokens = await cli.SignInAsync(client, "alice", ct);
        (await cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", tokens.Str("AccessToken"),
            "--user-attributes", "Name=email,Value=alice@new.example")).Ok();
        Assert.Equal("Example code (CustomMessage_UpdateUserAttribute)", (await LastMessageAsync(pool, "alice@new.example", ct)).Str("Subject"));
        (await cli.CognitoIdpAsync(ct, "get-user-attribute-verification-code", "--access-token", tokens.Str("AccessToken"),
            "--attribute-name", "email", "--client-metadata", "from=settings")).Ok();
        var verify = await LastMessageAsync(pool, "alice@new.example", ct);
        Assert.Equal($"<p>Your Example code is <b>{verify.Str("Code")}</b>.</p>", verify.Str("Body"));

        (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", pool, "--username", "bob",
            "--user-attributes", "Name=email,Value=bob@example.com", "--desired-delivery-mediums", "EMAIL")).Ok();
        var invitation = await LastMessageAsync(pool, "bob@example.com", ct);
        Assert.Equal("Welcome to Example", invitation.Str("Subject"));
        Assert.Equal($"Sign in as bob with {invitation.Str("Code")}.", invitation.Str("Body"));

        var logged = await TriggerLog.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(
            [
                "CustomMessage_SignUp", "CustomMessage_ResendCode", "CustomMessage_ForgotPassword", "CustomMessage_ForgotPassword",
                "CustomMessage_UpdateUserAttribute", "CustomMessage_VerifyUserAttribute", "CustomMessage_AdminCreateUser",
            ],
            logged.Select(l => l.Str("TriggerSource")));
        Assert.All(logged, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("ErrorType").ValueKind));

        var first = logged[0].GetProperty("Event");
        Assert.Equal(client, first.GetProperty("callerContext").Str("clientId"));
        var request = first.GetProperty("request");
        Assert.Equal("{####}", request.Str("codeParameter"));
        Assert.Equal("{##Click Here##}", request.Str("linkParameter"));
        Assert.Equal(JsonValueKind.Null, request.GetProperty("usernameParameter").ValueKind);
        Assert.Equal("""{"campaign":"spring"}""", request.GetProperty("clientMetadata").GetRawText());
        Assert.Equal(Email, request.GetProperty("userAttributes").Str("email"));
        Assert.Equal("UNCONFIRMED", request.GetProperty("userAttributes").Str("cognito:user_status"));
        Assert.Equal("""{"smsMessage":null,"emailMessage":null,"emailSubject":null}""", first.GetProperty("response").GetRawText());
        Assert.DoesNotContain(signUp.Str("Code"), logged[0].GetRawText(), StringComparison.Ordinal);

        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", logged[3].GetProperty("Event").GetProperty("callerContext").Str("clientId"));
        Assert.Equal("""{"from":"settings"}""", logged[5].GetProperty("Event").GetProperty("request").GetProperty("clientMetadata").GetRawText());
        var invite = logged[6].GetProperty("Event");
        Assert.Equal("{username}", invite.GetProperty("request").Str("usernameParameter"));
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", invite.GetProperty("callerContext").Str("clientId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_ask_the_function_for_the_sign_in_code_text()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Phone = "+819033334444";
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("custom-message-otp", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","SMS_OTP"]}}""",
            "--lambda-config", JsonSerializer.Serialize(new Dictionary<string, string> { ["CustomMessage"] = LambdaHost.Arn("custommessage-branded") }));
        var client = (await cli.CreateClientAsync(pool, "choice", ct, "--explicit-auth-flows", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        _ = await cli.CreateConfirmedUserAsync(pool, "carol", ct, $"Name=phone_number,Value={Phone}", "Name=phone_number_verified,Value=true");

        var challenge = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_AUTH",
            "--auth-parameters", "USERNAME=carol,PREFERRED_CHALLENGE=SMS_OTP", "--client-metadata", "app=mobile")).Ok();
        Assert.Equal("SMS_OTP", challenge.Str("ChallengeName"));

        var sms = await LastMessageAsync(pool, Phone, ct);
        Assert.Equal($"Example code {sms.Str("Code")}", sms.Str("Body"));
        var logged = Assert.Single(await TriggerLog.InvocationsAsync(fixture.Server, pool, ct));
        Assert.Equal("CustomMessage_Authentication", logged.Str("TriggerSource"));
        Assert.Equal("""{"app":"mobile"}""", logged.GetProperty("Event").GetProperty("request").GetProperty("clientMetadata").GetRawText());
        Assert.Equal(client, logged.GetProperty("Event").GetProperty("callerContext").Str("clientId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_the_pool_template_for_fields_the_function_leaves_null()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync("custommessage-subject-only", ct,
            "--verification-message-template", """{"DefaultEmailOption":"CONFIRM_WITH_CODE","EmailMessage":"Pool says {####}","EmailSubject":"Pool subject"}""");

        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "dave", "--password", Password,
            "--user-attributes", "Name=email,Value=dave@example.com")).Ok();

        var message = await LastMessageAsync(pool, "dave@example.com", ct);
        Assert.Equal("Subject from CustomMessage_SignUp", message.Str("Subject"));
        Assert.Equal($"Pool says {message.Str("Code")}", message.Str("Body"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_text_without_the_code_placeholder_and_send_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync("custommessage-no-code", ct);

        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "erin", "--password", Password,
            "--user-attributes", "Name=email,Value=erin@example.com"))
            .AssertError("InvalidLambdaResponseException", "SignUp", "Invalid lambda function output : emailMessage does not contain {####}");
        Assert.Empty(await TriggerLog.MessagesAsync(fixture.Server, pool, "erin@example.com", ct));

        (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", pool, "--username", "fred",
            "--user-attributes", "Name=email,Value=fred@example.com", "--desired-delivery-mediums", "EMAIL"))
            .AssertError("InvalidLambdaResponseException", "AdminCreateUser", "Invalid lambda function output : emailMessage does not contain {####}");
        Assert.Empty(await TriggerLog.MessagesAsync(fixture.Server, pool, "fred@example.com", ct));
    }

    private async Task<JsonElement> LastMessageAsync(string pool, string recipient, CancellationToken ct) =>
        (await TriggerLog.MessagesAsync(fixture.Server, pool, recipient, ct))[^1];

    private async Task<(AwsCli Cli, string Pool, string Client)> PoolAsync(string function, CancellationToken ct, params string[] options)
    {
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("custom-message", ct, [
            "--auto-verified-attributes", "email",
            "--lambda-config", JsonSerializer.Serialize(new Dictionary<string, string> { ["CustomMessage"] = LambdaHost.Arn(function) }),
            .. options]);
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        return (cli, pool, client);
    }
}
