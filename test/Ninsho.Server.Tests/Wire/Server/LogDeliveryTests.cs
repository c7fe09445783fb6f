using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>One server whose log destinations map CloudWatch log group ARNs to a file, to stdout and (by prefix) to a
/// second file, with SMTP pointed at a closed port so that every email fails.</summary>
public sealed class LogDeliveryServerFixture : IAsyncLifetime
{
    public const string ArnPrefix = "arn:aws:logs:us-east-1:123456789012:log-group:";
    public const string AuthEventsArn = ArnPrefix + "ninsho-auth";
    public const string StdoutArn = ArnPrefix + "ninsho-errors";
    public const string SmtpErrorsArn = ArnPrefix + "smtp-errors";
    public const string UnmappedArn = ArnPrefix + "nobody-reads-this";
    public const string OtlpArn = ArnPrefix + "to-collector";

    private readonly string _dir = Directory.CreateTempSubdirectory("ninsho-logs-").FullName;
    private NinshoProcess? _server;

    /// <summary>A stand-in OpenTelemetry collector on loopback: every request it receives.</summary>
    public OtlpReceiver Collector { get; } = new();

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("not started");

    public AwsCli Cli => new(Server.BaseUrl);

    public string AuthFile => Path.Combine(_dir, "auth.jsonl");

    public string SmtpFile => Path.Combine(_dir, "smtp.jsonl");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Collector.Start();
        _server = await NinshoProcess.StartAsync(ct,
            "--log-destination", $"{OtlpArn}=otlp:{Collector.BaseUrl}",
            "--log-destination", $"{AuthEventsArn}=file:{AuthFile}",
            "--log-destination", $"{StdoutArn}=stdout",
            "--log-destination", $"{ArnPrefix}smtp-*=file:{SmtpFile}",
            "--smtp-host", "127.0.0.1", "--smtp-port", SmtpSink.FreePort().ToString(CultureInfo.InvariantCulture),
            "--smtp-tls", "none", "--smtp-from", "no-reply@ninsho.test");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Collector.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>
/// Log delivery, applied (docs/operations.md#log-delivery): a pool's <c>userAuthEvents</c> and <c>userNotification</c>
/// configurations, set with the aws CLI as users do, are written as JSON lines in the shape of Cognito's exported logs to
/// the destination the operator mapped the configured ARN to with <c>--log-destination</c>; nothing secret is written.
/// </summary>
public sealed class LogDeliveryTests(LogDeliveryServerFixture fixture) : IClassFixture<LogDeliveryServerFixture>
{
    private const string WrongPassword = "Wrong#Pass000";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Writes_sign_in_events_to_the_mapped_file_as_cognito_exports_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("audited", ct, "--user-pool-tier", "PLUS", "--user-pool-add-ons", "AdvancedSecurityMode=AUDIT");
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        var user = await Cli.CreateConfirmedUserAsync(pool, "kai", ct);
        var sub = user.Items("Attributes").Single(a => a.Str("Name") == "sub").Str("Value");
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            $"LogLevel=INFO,EventSource=userAuthEvents,CloudWatchLogsConfiguration={{LogGroupArn={LogDeliveryServerFixture.AuthEventsArn}}}")).Ok();

        var tokens = await Cli.SignInAsync(client, "kai", ct);
        (await Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=kai,PASSWORD={WrongPassword}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");

        var lines = await LinesAsync(fixture.AuthFile, pool, 2, ct);
        var recorded = (await Cli.CognitoIdpAsync(ct, "admin-list-user-auth-events", "--user-pool-id", pool, "--username", "kai")).Ok()
            .Items("AuthEvents");
        Assert.Equal(["Pass", "Fail"], lines.Select(l => l.Prop("message").Str("eventResponse")));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Assert.Matches("^[0-9]{13}$", line.Str("eventTimestamp"));
            Assert.Equal("USER_ACTIVITY", line.Str("eventSource"));
            Assert.Equal("INFO", line.Str("logLevel"));
            Assert.Equal(pool, line.Prop("logSourceId").Str("userPoolId"));
            var message = line.Prop("message");
            Assert.Equal("1", message.Str("version"));
            Assert.Equal(recorded[1 - i].Str("EventId"), message.Str("eventId"));
            Assert.Equal("SignIn", message.Str("eventType"));
            Assert.Equal(sub, message.Str("userSub"));
            Assert.Equal("kai", message.Str("userName"));
            Assert.Equal(pool, message.Str("userPoolId"));
            Assert.Equal(client, message.Str("clientId"));
            Assert.Matches("^[A-Z][a-z]{2} [A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC [0-9]{4}$", message.Str("creationDate"));
            Assert.Equal("127.0.0.1", message.Str("ipAddress"));
            Assert.Matches("^[0-9a-f-]{36}$", message.Str("requestId"));
            Assert.Equal("PASS", message.Str("riskDecision"));
            Assert.Equal(string.Empty, message.Str("riskLevel"));
            Assert.Equal("false", message.Str("compromisedCredentialDetected"));
            Assert.Equal("false", message.Str("hasContextData"));
            var challenge = Assert.Single(message.Items("challenges"));
            Assert.Equal("Password", challenge.Str("challengeName"));
            Assert.Equal(i == 0 ? "Success" : "Failure", challenge.Str("challengeResponse"));
        }

        var text = await File.ReadAllTextAsync(fixture.AuthFile, ct);
        foreach (var secret in new[] { CliSteps.Password, WrongPassword, tokens.Str("AccessToken"), tokens.Str("IdToken"), tokens.Str("RefreshToken") })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Writes_a_custom_sender_failure_to_stdout()
    {
        var ct = TestContext.Current.CancellationToken;
        const string LambdaConfig = """{"CustomEmailSender":{"LambdaVersion":"V1_0","LambdaArn":"arn:aws:lambda:us-east-1:123456789012:function:sender"},"KMSKeyID":"arn:aws:kms:us-east-1:123456789012:key/0f5e3c1a-7b2d-4e8f-9a61-2c4d8b7e5f30"}""";
        var pool = await Cli.CreatePoolAsync("custom-sender", ct, "--auto-verified-attributes", "email", "--lambda-config", LambdaConfig);
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            $"LogLevel=ERROR,EventSource=userNotification,CloudWatchLogsConfiguration={{LogGroupArn={LogDeliveryServerFixture.StdoutArn}}}")).Ok();

        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "eve", "--password", CliSteps.Password,
            "--user-attributes", "Name=email,Value=eve@example.com")).Ok();

        var line = await StdoutLineAsync(pool, ct);
        Assert.Matches("^[0-9]{13}$", line.Str("eventTimestamp"));
        Assert.Equal("USER_NOTIFICATION", line.Str("eventSource"));
        Assert.Equal("ERROR", line.Str("logLevel"));
        Assert.Equal(pool, line.Prop("logSourceId").Str("userPoolId"));
        var details = line.Prop("message").Str("details");
        Assert.Contains("CustomEmailSender", details, StringComparison.Ordinal);
        Assert.Contains("eve", details, StringComparison.Ordinal);
        Assert.DoesNotContain(CliSteps.Password, fixture.Server.RecentOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Writes_an_smtp_failure_to_the_file_its_arn_prefix_maps_to()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("smtp-down", ct, "--auto-verified-attributes", "email");
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            $"LogLevel=ERROR,EventSource=userNotification,CloudWatchLogsConfiguration={{LogGroupArn={LogDeliveryServerFixture.SmtpErrorsArn}}}")).Ok();

        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "sam", "--password", CliSteps.Password,
            "--user-attributes", "Name=email,Value=sam@example.com")).Ok();

        var line = (await LinesAsync(fixture.SmtpFile, pool, 1, ct))[0];
        Assert.Equal("USER_NOTIFICATION", line.Str("eventSource"));
        Assert.Equal("ERROR", line.Prop("logLevel").GetString());
        var details = line.Prop("message").Str("details");
        Assert.Contains("SMTP", details, StringComparison.Ordinal);
        Assert.Contains("sam", details, StringComparison.Ordinal);

        using var raw = new RawCognito(fixture.Server.BaseUrl);
        var code = Assert.Single((await raw.GetAsync($"/_ninsho/outbox?pool={pool}", ct)).Json!.RootElement.Items("Messages")).Str("Code");
        Assert.DoesNotContain(code, await File.ReadAllTextAsync(fixture.SmtpFile, ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Posts_records_to_an_otlp_collector_through_the_sdk_exporter()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("otlp", ct, "--user-pool-tier", "PLUS", "--user-pool-add-ons", "AdvancedSecurityMode=ENFORCED");
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "olga", ct);
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            $"LogLevel=INFO,EventSource=userAuthEvents,CloudWatchLogsConfiguration={{LogGroupArn={LogDeliveryServerFixture.OtlpArn}}}")).Ok();
        var tokens = await Cli.SignInAsync(client, "olga", ct);

        var poolBytes = System.Text.Encoding.UTF8.GetBytes(pool);
        bool AboutPool((string Path, string ContentType, byte[] Body) r) => r.Body.AsSpan().IndexOf(poolBytes) >= 0;
        var waited = Stopwatch.StartNew();
        while (!fixture.Collector.Received.Any(AboutPool))
        {
            Assert.True(waited.Elapsed < Patience, $"the collector got nothing about {pool}: {fixture.Collector.Received.Count} request(s)");
            await Task.Delay(100, ct);
        }

        // OTLP/HTTP in the protobuf encoding, as the OpenTelemetry SDK's exporter sends it: an ExportLogsServiceRequest.
        var request = fixture.Collector.Received.First(AboutPool);
        Assert.Equal("/v1/logs", request.Path);
        Assert.Equal("application/x-protobuf", request.ContentType);
        var resourceLogs = Assert.Single(new ProtoMessage(request.Body).Messages(1));
        Assert.Equal("ninsho", resourceLogs.Message(1).StringAttributes(1)["service.name"]);
        var scopeLogs = Assert.Single(resourceLogs.Messages(2));
        Assert.Equal("Ninsho.LogDelivery", scopeLogs.Message(1).Text(1));
        var record = Assert.Single(scopeLogs.Messages(2), r => r.Message(5).Text(1)!.Contains(pool, StringComparison.Ordinal));
        Assert.Equal(9UL, record.Number(2)); // SEVERITY_NUMBER_INFO
        Assert.Equal("Information", record.Text(3)); // the SDK's text: .NET's LogLevel name
        var attributes = record.StringAttributes(6);
        Assert.Equal(pool, attributes["cognito.user_pool_id"]);
        Assert.Equal("userAuthEvents", attributes["cognito.event_source"]);
        Assert.Equal(LogDeliveryServerFixture.OtlpArn, attributes["cognito.log_destination_arn"]);

        // The body is the record's JSON line; the record's time is the event's.
        using var line = JsonDocument.Parse(record.Message(5).Text(1)!);
        Assert.Equal("USER_ACTIVITY", line.RootElement.Str("eventSource"));
        Assert.Equal("olga", line.RootElement.Prop("message").Str("userName"));
        var eventMs = ulong.Parse(line.RootElement.Str("eventTimestamp"), CultureInfo.InvariantCulture);
        Assert.Equal(eventMs, record.Number(1) / 1_000_000);
        var text = System.Text.Encoding.UTF8.GetString(request.Body);
        Assert.DoesNotContain(tokens.Str("AccessToken"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(CliSteps.Password, text, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Says_once_at_start_up_which_configured_arns_no_destination_takes()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("unmapped", ct);
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            $"LogLevel=ERROR,EventSource=userNotification,CloudWatchLogsConfiguration={{LogGroupArn={LogDeliveryServerFixture.UnmappedArn}}}")).Ok();

        await fixture.Server.RestartAsync(ct);
        var waited = Stopwatch.StartNew();
        string Restarted() => fixture.Server.RecentOutput[(fixture.Server.RecentOutput.LastIndexOf("---- restart ----", StringComparison.Ordinal))..];
        while (!Restarted().Contains(LogDeliveryServerFixture.UnmappedArn, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < Patience, $"no warning naming {LogDeliveryServerFixture.UnmappedArn}:\n{Restarted()}");
            await Task.Delay(100, ct);
        }

        var warnings = Restarted().Split('\n').Where(l => l.Contains(LogDeliveryServerFixture.UnmappedArn, StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains(pool, warning, StringComparison.Ordinal);
        Assert.Contains("no --log-destination", warning, StringComparison.Ordinal);
    }

    /// <summary>The JSON lines of <paramref name="file"/> about <paramref name="pool"/>, once there are <paramref name="count"/>.</summary>
    private static async Task<IReadOnlyList<JsonElement>> LinesAsync(string file, string pool, int count, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var lines = File.Exists(file)
                ? (await File.ReadAllLinesAsync(file, ct)).Select(l => JsonDocument.Parse(l).RootElement)
                    .Where(l => l.Prop("logSourceId").Str("userPoolId") == pool).ToList()
                : [];
            if (lines.Count >= count)
            {
                return lines;
            }

            Assert.True(waited.Elapsed < Patience, $"{file} has {lines.Count} of {count} lines about {pool}");
            await Task.Delay(100, ct);
        }
    }

    private async Task<JsonElement> StdoutLineAsync(string pool, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var line = fixture.Server.RecentOutput.Split('\n')
                .FirstOrDefault(l => l.StartsWith("{\"eventTimestamp\"", StringComparison.Ordinal) && l.Contains(pool, StringComparison.Ordinal));
            if (line is not null)
            {
                return JsonDocument.Parse(line).RootElement;
            }

            Assert.True(waited.Elapsed < Patience, $"no log line about {pool} on stdout:\n{fixture.Server.RecentOutput}");
            await Task.Delay(100, ct);
        }
    }
}

/// <summary>A loopback HTTP listener standing in for an OpenTelemetry collector's OTLP/HTTP receiver: it answers 200 with
/// an empty protobuf message (a valid empty export response) to every request and keeps its path, content type and
/// body.</summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly System.Net.HttpListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _received = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyCollection<(string Path, string ContentType, byte[] Body)> Received => _received;

    public void Start()
    {
        BaseUrl = $"http://127.0.0.1:{SmtpSink.FreePort()}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using (var body = new MemoryStream())
                {
                    await context.Request.InputStream.CopyToAsync(body);
                    _received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? string.Empty, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });
    }

    public void Dispose() => _listener.Close();
}
