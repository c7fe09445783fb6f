using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

/// <summary>
/// Issue 4, real email: a server started with <c>--smtp-host</c> sends codes and invitations to a real SMTP server
/// on loopback (Debian's python3-aiosmtpd, <see cref="SmtpSink"/>), keeps a copy in the outbox, and never fails a
/// request because the mail server is down.
/// </summary>
public sealed partial class SmtpDeliveryTests
{
    private const string Password = "Passw0rd!";
    private const string From = "no-reply@ninsho.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Runs_sign_up_confirm_forgot_and_reset_by_email_through_an_authenticated_smtp_server()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync("mailer:s3cret", ct);
        await using var server = await NinshoProcess.StartAsync(ct, SmtpArguments(sink.Port, "--smtp-user", "mailer", "--smtp-password", "s3cret"));
        var cli = new AwsCli(server.BaseUrl);
        var (poolId, clientId) = await CreatePoolAsync(cli);

        _ = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "alice", "--password", Password,
            "--user-attributes", "Name=email,Value=alice@example.com")).Ok();
        var welcome = await sink.WaitForAsync("alice@example.com", 1, ct);
        Assert.Equal(From, welcome.MailFrom);
        Assert.Equal("alice@example.com", Assert.Single(welcome.Message.To.Mailboxes).Address);
        Assert.Equal("Your verification code", welcome.Subject);
        var code = CodeIn(welcome.Body);
        Assert.Equal($"Your verification code is {code}. ", welcome.Body.TrimEnd('\r', '\n'));

        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "alice", "--confirmation-code", code)).OkEmpty();
        _ = (await SignInAsync(cli, clientId, "alice", Password)).Ok().Prop("AuthenticationResult");

        _ = (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", clientId, "--username", "alice")).Ok();
        var reset = await sink.WaitForAsync("alice@example.com", 2, ct);
        var resetCode = CodeIn(reset.Body);
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "alice",
            "--confirmation-code", resetCode, "--password", "N3w-Passw0rd")).OkEmpty();
        (await SignInAsync(cli, clientId, "alice", Password)).AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");
        _ = (await SignInAsync(cli, clientId, "alice", "N3w-Passw0rd")).Ok().Prop("AuthenticationResult");

        // With SMTP on, every message is still kept in the outbox, with the same codes.
        using var raw = new RawCognito(server.BaseUrl);
        var outbox = (await raw.GetAsync($"/_ninsho/outbox?pool={poolId}&recipient=alice%40example.com", ct)).Json!.RootElement.Items("Messages");
        Assert.Equal([code, resetCode], outbox.Select(m => m.Str("Code")));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sends_the_invitation_from_the_pools_email_template()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(null, ct);
        await using var server = await NinshoProcess.StartAsync(ct, SmtpArguments(sink.Port));
        var cli = new AwsCli(server.BaseUrl);
        var (poolId, _) = await CreatePoolAsync(cli, "--admin-create-user-config",
            """{"InviteMessageTemplate":{"EmailSubject":"Welcome to Acme","EmailMessage":"Hello {username}, your password is {####}"}}""");

        _ = (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "bob",
            "--user-attributes", "Name=email,Value=bob@example.com", "--temporary-password", "Temp#Pass1",
            "--desired-delivery-mediums", "EMAIL")).Ok();
        var invitation = await sink.WaitForAsync("bob@example.com", 1, ct);
        Assert.Equal("Welcome to Acme", invitation.Subject);
        Assert.Equal("Hello bob, your password is Temp#Pass1", invitation.Body.TrimEnd('\r', '\n'));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Answers_as_usual_and_keeps_the_code_in_the_outbox_when_the_smtp_server_is_down()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, SmtpArguments(SmtpSink.FreePort()));
        var cli = new AwsCli(server.BaseUrl);
        var (poolId, clientId) = await CreatePoolAsync(cli);

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "carol", "--password", Password,
            "--user-attributes", "Name=email,Value=carol@example.com")).Ok();
        Assert.Equal("EMAIL", signUp.Prop("CodeDeliveryDetails").Str("DeliveryMedium"));

        using var raw = new RawCognito(server.BaseUrl);
        var message = Assert.Single((await raw.GetAsync($"/_ninsho/outbox?pool={poolId}&recipient=carol%40example.com", ct)).Json!.RootElement.Items("Messages"));
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", clientId, "--username", "carol", "--confirmation-code", message.Str("Code"))).OkEmpty();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sends_every_queued_email_before_exiting_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(null, ct, delay: TimeSpan.FromMilliseconds(400));
        await using var server = await NinshoProcess.StartAsync(ct, SmtpArguments(sink.Port));
        var cli = new AwsCli(server.BaseUrl);
        var (_, clientId) = await CreatePoolAsync(cli);
        const int SignUps = 6;
        await Task.WhenAll(Enumerable.Range(0, SignUps).Select(async i =>
            (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", $"user{i}", "--password", Password,
                "--user-attributes", $"Name=email,Value=user{i}@example.com")).Ok()));

        var before = sink.Received().Count;
        Assert.True(before < SignUps, "every email had arrived before SIGTERM: the test proves nothing");
        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(30), ct));
        Assert.Equal(
            Enumerable.Range(0, SignUps).Select(i => $"user{i}@example.com").Order(StringComparer.Ordinal),
            sink.Received().SelectMany(m => m.RcptTos).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("not sent by SMTP", server.RecentOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Reports_how_many_emails_the_shutdown_timeout_left_unsent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(null, ct, delay: TimeSpan.FromSeconds(1));
        await using var server = await NinshoProcess.StartAsync(ct, SmtpArguments(sink.Port, "--shutdown-timeout", "1"));
        var cli = new AwsCli(server.BaseUrl);
        var (_, clientId) = await CreatePoolAsync(cli);
        const int SignUps = 5;
        await Task.WhenAll(Enumerable.Range(0, SignUps).Select(async i =>
            (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", $"user{i}", "--password", Password,
                "--user-attributes", $"Name=email,Value=user{i}@example.com")).Ok()));

        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(30), ct));
        var report = Assert.Single(server.RecentOutput.Split('\n'), l => l.Contains("not sent by SMTP", StringComparison.Ordinal));
        var unsent = int.Parse(UnsentCount().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(unsent, 1, SignUps);
        Assert.True(sink.Received().Count + unsent >= SignUps, $"{sink.Received().Count} received + {unsent} reported unsent < {SignUps}");
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("--smtp-tls", "bogus", "--smtp-tls must be none, starttls or tls, not 'bogus'")]
    [InlineData("--smtp-from", "not an address", "--smtp-from must be an email address (e.g. no-reply@example.com), not 'not an address'")]
    [InlineData("--smtp-user", "only-user", "--smtp-user and --smtp-password go together")]
    public async Task Refuses_to_start_with_bad_smtp_options(string option, string value, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        string[] from = option == "--smtp-from" ? [] : ["--smtp-from", From];
        var arguments = RepoPaths.ServerArguments(["serve", "--port", "0", "--smtp-host", "127.0.0.1", .. from, option, value]);
        var result = await ChildProcess.RunAsync(RepoPaths.ServerProgram, arguments,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_SMTP_PASSWORD"] = null, ["NINSHO_SMTP_USER"] = null },
            TimeSpan.FromSeconds(60), Path.GetTempPath(), ct);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Stderr.Trim());
    }

    private static string[] SmtpArguments(int port, params string[] extra) =>
        ["--smtp-host", "127.0.0.1", "--smtp-port", port.ToString(CultureInfo.InvariantCulture), "--smtp-tls", "none", "--smtp-from", From, .. extra];

    private static async Task<(string PoolId, string ClientId)> CreatePoolAsync(AwsCli cli, params string[] extra)
    {
        string[] args = ["create-user-pool", "--pool-name", "smtp", "--auto-verified-attributes", "email", .. extra];
        var poolId = (await cli.CognitoIdpAsync(Ct, args)).Ok().Prop("UserPool").Str("Id");
        var clientId = (await cli.CognitoIdpAsync(Ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "app",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");
        return (poolId, clientId);
    }

    private static Task<AwsCliResult> SignInAsync(AwsCli cli, string clientId, string username, string password) =>
        cli.CognitoIdpAsync(Ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USERNAME"] = username,
                ["PASSWORD"] = password,
            }));

    private static string CodeIn(string body) => SixDigits().Match(body) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no code in '{body}'");

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();

    [GeneratedRegex("with ([0-9]+) queued email")]
    private static partial Regex UnsentCount();
}
