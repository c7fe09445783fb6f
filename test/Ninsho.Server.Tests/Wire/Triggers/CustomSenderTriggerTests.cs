using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Ninsho.Core.Security.Kms;

namespace Ninsho.Server.Tests;

/// <summary>A Ninsho server whose Lambda host runs the custom sender handlers with their KMS client pointed at Ninsho
/// (<c>AWS_ENDPOINT_URL_KMS</c>), and the "provider" those handlers hand their messages to: a loopback URL that
/// collects what they send.</summary>
public sealed class CustomSenderServerFixture : IAsyncLifetime
{
    /// <summary>The pools' KMSKeyID; the handlers' keyring names it (KEY_ARN).</summary>
    public const string KeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/0f5e3c1a-7b2d-4e8f-9a61-2c4d8b7e5f30";

    private LambdaHost? _host;
    private NinshoProcess? _server;

    public LambdaHost Host => _host ?? throw new InvalidOperationException("not started");

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("not started");

    public SenderProvider Provider { get; } = new();

    public AwsCli Cli => new(Server.BaseUrl);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Provider.Start();
        var lambdaPort = SmtpSink.FreePort();
        _server = await NinshoProcess.StartAsync(ct, "--lambda-endpoint", $"http://127.0.0.1:{lambdaPort}");
        _host = await LambdaHost.StartAsync(ct, lambdaPort, new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_KMS"] = _server.BaseUrl,
            ["AWS_REGION"] = AwsCli.Region,
            ["AWS_ACCESS_KEY_ID"] = AwsCli.DummyAccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = AwsCli.DummySecretAccessKey,
            ["KEY_ARN"] = KeyArn,
            ["SENDER_PROVIDER_URL"] = Provider.Url,
        });
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

        Provider.Dispose();
    }
}

/// <summary>The message provider of the sender handlers: collects each <c>{triggerSource, userName, email,
/// phoneNumber, code, error}</c> they POST, so a test can await the one it expects.</summary>
public sealed class SenderProvider : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _byUser = new(StringComparer.Ordinal);

    public string Url { get; private set; } = string.Empty;

    public void Start()
    {
        var port = SmtpSink.FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var message = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                    var user = message.TryGetProperty("userName", out var u) ? u.GetString() ?? string.Empty : string.Empty;
                    _ = Channel(user).Writer.TryWrite(message);
                }

                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });
    }

    /// <summary>The next message the sender handed over for <paramref name="userName"/>; fails when it reports a
    /// decryption error.</summary>
    public async Task<JsonElement> NextAsync(string userName, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Wait);
        JsonElement message;
        try
        {
            message = await Channel(userName).Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the sender function handed over nothing for {userName} within {Wait.TotalSeconds} s", e);
        }

        if (message.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            Assert.Fail($"the sender function could not decrypt the code: {error.GetString()}");
        }

        return message;
    }

    public void Dispose() => _listener.Close();

    private Channel<JsonElement> Channel(string user) => _byUser.GetOrAdd(user, _ => System.Threading.Channels.Channel.CreateUnbounded<JsonElement>());
}

/// <summary>CustomEmailSender and CustomSMSSender through the aws CLI with real Node handlers that decrypt the code
/// with <c>@aws-crypto/client-node</c> against Ninsho's KMS Decrypt (docs/triggers.md#customemailsender-and-customsmssender):
/// the decrypted code is the real one (it confirms the sign-up), nothing reaches the outbox, and the invocation log shows
/// the sender's event.</summary>
public sealed class CustomSenderTriggerTests(CustomSenderServerFixture fixture) : IClassFixture<CustomSenderServerFixture>
{
    private const string Password = CliSteps.Password;

    /// <summary>With the characters Cognito HTML-escapes before encrypting, which the handler unescapes.</summary>
    private const string TemporaryPassword = "Temp<Pass&1>";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_hand_the_encrypted_code_to_the_email_sender_instead_of_sending_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("custom-email-sender", ct,
            "--auto-verified-attributes", "email",
            "--lambda-config", LambdaConfig("CustomEmailSender", "sender-email", customMessage: true));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        const string Email = "alice@example.com";

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "alice", "--password", Password,
            "--user-attributes", $"Name=email,Value={Email}", "--client-metadata", "campaign=spring")).Ok();
        Assert.Equal("EMAIL", signUp.GetProperty("CodeDeliveryDetails").Str("DeliveryMedium"));
        var sent = await fixture.Provider.NextAsync("alice", ct);
        Assert.Equal("CustomEmailSender_SignUp", sent.Str("triggerSource"));
        Assert.Equal(Email, sent.Str("email"));
        Assert.Matches("^[0-9]{6}$", sent.Str("code"));
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", client, "--username", "alice", "--confirmation-code", sent.Str("code"))).OkEmpty();

        (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "alice")).Ok();
        var reset = await fixture.Provider.NextAsync("alice", ct);
        Assert.Equal("CustomEmailSender_ForgotPassword", reset.Str("triggerSource"));
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", client, "--username", "alice", "--password", "New#Pass456",
            "--confirmation-code", reset.Str("code"))).OkEmpty();

        (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", pool, "--username", "bob",
            "--user-attributes", "Name=email,Value=bob@example.com", "--desired-delivery-mediums", "EMAIL",
            "--temporary-password", TemporaryPassword)).Ok();
        var invitation = await fixture.Provider.NextAsync("bob", ct);
        Assert.Equal("CustomEmailSender_AdminCreateUser", invitation.Str("triggerSource"));
        Assert.Equal(TemporaryPassword, invitation.Str("code"));
        var challenge = (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME=bob,PASSWORD={invitation.Str("code")}")).Ok();
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Str("ChallengeName"));

        Assert.Empty(await TriggerLog.MessagesAsync(fixture.Server, pool, Email, ct));
        Assert.Empty(await TriggerLog.MessagesAsync(fixture.Server, pool, "bob@example.com", ct));
        var logged = await TriggerLog.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["CustomEmailSender_SignUp", "CustomEmailSender_ForgotPassword", "CustomEmailSender_AdminCreateUser"],
            logged.Select(l => l.Str("TriggerSource")));
        Assert.All(logged, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("ErrorType").ValueKind));

        var first = logged[0].GetProperty("Event");
        Assert.Equal("1", first.Str("version"));
        Assert.Equal(pool, first.Str("userPoolId"));
        Assert.Equal("alice", first.Str("userName"));
        Assert.Equal(client, first.GetProperty("callerContext").Str("clientId"));
        Assert.False(first.TryGetProperty("response", out _));
        var request = first.GetProperty("request");
        Assert.Equal("customEmailSenderRequestV1", request.Str("type"));
        Assert.Equal("""{"campaign":"spring"}""", request.GetProperty("clientMetadata").GetRawText());
        Assert.Equal(Email, request.GetProperty("userAttributes").Str("email"));
        Assert.Equal("UNCONFIRMED", request.GetProperty("userAttributes").Str("cognito:user_status"));
        var code = Convert.FromBase64String(request.Str("code"));
        Assert.Equal([0x01, 0x80, 0x03, 0x78], code[..4]);
        Assert.DoesNotContain(sent.Str("code"), Encoding.Latin1.GetString(code), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, logged[1].GetProperty("Event").GetProperty("request").GetProperty("clientMetadata").ValueKind);
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", logged[2].GetProperty("Event").GetProperty("callerContext").Str("clientId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_hand_the_encrypted_code_to_the_sms_sender_instead_of_sending_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("custom-sms-sender", ct,
            "--auto-verified-attributes", "phone_number",
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","SMS_OTP"]}}""",
            "--lambda-config", LambdaConfig("CustomSMSSender", "sender-sms", customMessage: false));
        var client = (await cli.CreateClientAsync(pool, "choice", ct, "--explicit-auth-flows", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");
        const string Phone = "+819055556666";

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "carol", "--password", Password,
            "--user-attributes", $"Name=phone_number,Value={Phone}")).Ok();
        Assert.Equal("SMS", signUp.GetProperty("CodeDeliveryDetails").Str("DeliveryMedium"));
        var sent = await fixture.Provider.NextAsync("carol", ct);
        Assert.Equal("CustomSMSSender_SignUp", sent.Str("triggerSource"));
        Assert.Equal(Phone, sent.Str("phoneNumber"));
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", client, "--username", "carol", "--confirmation-code", sent.Str("code"))).OkEmpty();

        var challenge = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_AUTH",
            "--auth-parameters", "USERNAME=carol,PREFERRED_CHALLENGE=SMS_OTP")).Ok();
        Assert.Equal("SMS_OTP", challenge.Str("ChallengeName"));
        var otp = await fixture.Provider.NextAsync("carol", ct);
        Assert.Equal("CustomSMSSender_Authentication", otp.Str("triggerSource"));
        _ = (await cli.RespondAsync(client, "SMS_OTP", challenge.Str("Session"), ct, ("USERNAME", "carol"), ("SMS_OTP_CODE", otp.Str("code"))))
            .Ok().GetProperty("AuthenticationResult");

        Assert.Empty(await TriggerLog.MessagesAsync(fixture.Server, pool, Phone, ct));
        var logged = await TriggerLog.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["CustomSMSSender_SignUp", "CustomSMSSender_Authentication"], logged.Select(l => l.Str("TriggerSource")));
        Assert.Equal("customSMSSenderRequestV1", logged[0].GetProperty("Event").GetProperty("request").Str("type"));
        Assert.All(logged, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("ErrorType").ValueKind));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_decrypt_the_data_key_only_with_its_encryption_context_and_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var pool = await cli.CreatePoolAsync("custom-sender-kms", ct,
            "--auto-verified-attributes", "email",
            "--lambda-config", LambdaConfig("CustomEmailSender", "sender-email", customMessage: false));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "dave", "--password", Password,
            "--user-attributes", "Name=email,Value=dave@example.com")).Ok();
        _ = await fixture.Provider.NextAsync("dave", ct);
        var code = Assert.Single(await TriggerLog.InvocationsAsync(fixture.Server, pool, ct)).GetProperty("Event").GetProperty("request").Str("code");
        var header = EncryptionSdkMessage.ReadHeader(Convert.FromBase64String(code));
        Assert.Equal(0x0378, header.SuiteId);
        Assert.Equal(pool, header.Context["userpool-id"]);
        Assert.True(header.Context.ContainsKey("aws-crypto-public-key"));
        var key = Assert.Single(header.DataKeys);
        Assert.Equal("aws-kms", key.ProviderId);
        Assert.Equal(CustomSenderServerFixture.KeyArn, key.ProviderInfo);
        var blob = Convert.ToBase64String(key.Ciphertext);

        var opened = await DecryptAsync(blob, CustomSenderServerFixture.KeyArn, header.Context, ct);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal(CustomSenderServerFixture.KeyArn, opened.Body.Str("KeyId"));
        Assert.Equal("SYMMETRIC_DEFAULT", opened.Body.Str("EncryptionAlgorithm"));
        Assert.Equal(32, Convert.FromBase64String(opened.Body.Str("Plaintext")).Length);

        var otherPool = new Dictionary<string, string>(header.Context, StringComparer.Ordinal) { ["userpool-id"] = "ap-northeast-1_Other" };
        var refused = await DecryptAsync(blob, CustomSenderServerFixture.KeyArn, otherPool, ct);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidCiphertextException"), (refused.Status, refused.Body.Str("__type")));
        refused = await DecryptAsync(blob, "arn:aws:kms:ap-northeast-1:123456789012:key/11111111-2222-3333-4444-555555555555", header.Context, ct);
        Assert.Equal((HttpStatusCode.BadRequest, "NotFoundException"), (refused.Status, refused.Body.Str("__type")));
        refused = await DecryptAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a ciphertext of ours")), null, header.Context, ct);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidCiphertextException"), (refused.Status, refused.Body.Str("__type")));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> DecryptAsync(
        string blob, string? keyId, IReadOnlyDictionary<string, string> context, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = new Dictionary<string, object> { ["CiphertextBlob"] = blob, ["EncryptionContext"] = context };
        if (keyId is not null)
        {
            body["KeyId"] = keyId;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseUrl + "/"))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "TrentService.Decrypt");
        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone());
    }

    private static string LambdaConfig(string sender, string function, bool customMessage)
    {
        var config = new Dictionary<string, object>
        {
            [sender] = new Dictionary<string, string> { ["LambdaVersion"] = "V1_0", ["LambdaArn"] = LambdaHost.Arn(function) },
            ["KMSKeyID"] = CustomSenderServerFixture.KeyArn,
        };
        if (customMessage)
        {
            config["CustomMessage"] = LambdaHost.Arn("custommessage-branded");
        }

        return JsonSerializer.Serialize(config);
    }
}
