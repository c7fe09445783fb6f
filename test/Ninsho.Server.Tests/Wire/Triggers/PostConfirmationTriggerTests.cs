using System.Diagnostics;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>PostConfirmation through the aws CLI with real Node handlers (docs/triggers.md#postconfirmation): which
/// operations fire it with which source, the confirmed user's attributes in the event, and that a failing function
/// leaves the confirmation or new password in place.</summary>
public sealed class PostConfirmationTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    private const string Password = CliSteps.Password;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fire_ConfirmSignUp_and_ConfirmForgotPassword_sources_with_the_confirmed_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(ct, ("PostConfirmation", "postconfirm-record"));

        // ConfirmSignUp, with ClientMetadata.
        await SignUpAsync(cli, client, "alice", ct);
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", client, "--username", "alice",
            "--confirmation-code", await CodeAsync(pool, "alice@example.com", ct), "--client-metadata", "step=confirm")).OkEmpty();

        // AdminConfirmSignUp.
        await SignUpAsync(cli, client, "bob", ct);
        (await cli.CognitoIdpAsync(ct, "admin-confirm-sign-up", "--user-pool-id", pool, "--username", "bob")).OkEmpty();

        // ConfirmForgotPassword.
        (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "alice")).Ok();
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", client, "--username", "alice", "--password", "New#Pass4567",
            "--confirmation-code", await CodeAsync(pool, "alice@example.com", ct))).OkEmpty();

        // An invited user finishing NEW_PASSWORD_REQUIRED is not a confirmation.
        (await cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", pool, "--username", "carol", "--message-action", "SUPPRESS",
            "--temporary-password", "Temp#Pass1234", "--user-attributes", "Name=email,Value=carol@example.com")).Ok();
        var challenge = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=carol,PASSWORD=Temp#Pass1234")).Ok();
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Str("ChallengeName"));
        _ = (await cli.RespondAsync(client, "NEW_PASSWORD_REQUIRED", challenge.Str("Session"), ct, ("USERNAME", "carol"), ("NEW_PASSWORD", Password)))
            .Ok().Prop("AuthenticationResult");

        var logged = await TriggerLog.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword"],
            logged.Select(l => l.Str("TriggerSource")));
        Assert.All(logged, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("ErrorType").ValueKind));

        var confirm = logged[0].GetProperty("Event");
        Assert.Equal("alice", confirm.Str("userName"));
        Assert.Equal(client, confirm.GetProperty("callerContext").Str("clientId"));
        var attributes = confirm.GetProperty("request").GetProperty("userAttributes");
        Assert.Equal((await cli.GetUserAsync(pool, "alice", ct)).GetProperty("UserAttributes").EnumerateArray()
            .First(a => a.Str("Name") == "sub").Str("Value"), attributes.Str("sub"));
        Assert.Equal("CONFIRMED", attributes.Str("cognito:user_status"));
        Assert.Equal("true", attributes.Str("email_verified"));
        Assert.Equal("alice@example.com", attributes.Str("email"));
        Assert.Equal("""{"step":"confirm"}""", confirm.GetProperty("request").GetProperty("clientMetadata").GetRawText());
        Assert.Equal("{}", confirm.GetProperty("response").GetRawText());

        var admin = logged[1].GetProperty("Event");
        Assert.Equal("bob", admin.Str("userName"));
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", admin.GetProperty("callerContext").Str("clientId"));
        Assert.False(admin.GetProperty("request").TryGetProperty("clientMetadata", out _));
        Assert.Equal("CONFIRMED", admin.GetProperty("request").GetProperty("userAttributes").Str("cognito:user_status"));
        Assert.Equal("alice", logged[2].GetProperty("Event").Str("userName"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fire_after_PreSignUp_when_it_auto_confirms_SignUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(ct, ("PreSignUp", "presignup-autoconfirm"), ("PostConfirmation", "postconfirm-record"));

        var signUp = (await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", "dora", "--password", Password,
            "--user-attributes", "Name=email,Value=dora@example.com", "--client-metadata", "from=signup")).Ok();

        Assert.True(signUp.GetProperty("UserConfirmed").GetBoolean());
        var logged = await TriggerLog.InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(["PreSignUp_SignUp", "PostConfirmation_ConfirmSignUp"], logged.Select(l => l.Str("TriggerSource")));
        var request = logged[1].GetProperty("Event").GetProperty("request");
        Assert.Equal(signUp.Str("UserSub"), request.GetProperty("userAttributes").Str("sub"));
        Assert.Equal("CONFIRMED", request.GetProperty("userAttributes").Str("cognito:user_status"));
        Assert.Equal("true", request.GetProperty("userAttributes").Str("email_verified"));
        Assert.Equal("""{"from":"signup"}""", request.GetProperty("clientMetadata").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_give_the_caller_the_error_but_keep_the_confirmation_and_the_new_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cli, pool, client) = await PoolAsync(ct, ("PostConfirmation", "postconfirm-fail"));

        await SignUpAsync(cli, client, "erin", ct);
        (await cli.CognitoIdpAsync(ct, "confirm-sign-up", "--client-id", client, "--username", "erin",
            "--confirmation-code", await CodeAsync(pool, "erin@example.com", ct)))
            .AssertError("UserLambdaValidationException", "ConfirmSignUp", "PostConfirmation failed with error Welcome mail for erin could not be queued.");
        Assert.Equal("CONFIRMED", (await cli.GetUserAsync(pool, "erin", ct)).Str("UserStatus"));

        await SignUpAsync(cli, client, "fred", ct);
        (await cli.CognitoIdpAsync(ct, "admin-confirm-sign-up", "--user-pool-id", pool, "--username", "fred"))
            .AssertError("UserLambdaValidationException", "AdminConfirmSignUp", "PostConfirmation failed with error Welcome mail for fred could not be queued.");
        Assert.Equal("CONFIRMED", (await cli.GetUserAsync(pool, "fred", ct)).Str("UserStatus"));

        (await cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", client, "--username", "erin")).Ok();
        (await cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", client, "--username", "erin", "--password", "New#Pass4567",
            "--confirmation-code", await CodeAsync(pool, "erin@example.com", ct)))
            .AssertError("UserLambdaValidationException", "ConfirmForgotPassword", "PostConfirmation failed with error Welcome mail for erin could not be queued.");
        _ = await cli.SignInAsync(client, "erin", ct, "New#Pass4567");
    }

    /// <summary>Prints the added latency of one PostConfirmation call on ConfirmSignUp (raw HTTP, median of 20
    /// each); measured, not asserted.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Measures_the_latency_one_trigger_adds_to_ConfirmSignUp()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Calls = 20;
        var without = await ConfirmTimesAsync(await PoolAsync(ct), Calls, ct);
        var with = await ConfirmTimesAsync(await PoolAsync(ct, ("PostConfirmation", "postconfirm-record")), Calls, ct);
        var line = $"ConfirmSignUp median over {Calls}: without trigger {Median(without):F1} ms, with PostConfirmation {Median(with):F1} ms, added {Median(with) - Median(without):F1} ms";
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "ninsho-postconfirm-latency.txt"), line + "\n", ct);
    }

    private async Task<List<double>> ConfirmTimesAsync((AwsCli Cli, string Pool, string Client) p, int calls, CancellationToken ct)
    {
        using var raw = new RawCognito(fixture.Server.BaseUrl);
        var times = new List<double>();
        for (var i = 0; i < calls + 2; i++)
        {
            var user = $"lat{i}";
            var email = $"lat{i}@example.com";
            var signUp = await raw.IdpAsync("SignUp", JsonSerializer.Serialize(new
            {
                ClientId = p.Client,
                Username = user,
                Password,
                UserAttributes = new[] { new { Name = "email", Value = email } },
            }), ct);
            Assert.Equal(200, signUp.StatusCode);
            var code = await CodeAsync(p.Pool, email, ct);
            var watch = Stopwatch.StartNew();
            var confirm = await raw.IdpAsync("ConfirmSignUp", JsonSerializer.Serialize(new { ClientId = p.Client, Username = user, ConfirmationCode = code }), ct);
            watch.Stop();
            Assert.Equal(200, confirm.StatusCode);
            if (i >= 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds); // the first two warm up
            }
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task SignUpAsync(AwsCli cli, string client, string username, CancellationToken ct) =>
        Assert.False((await cli.CognitoIdpAsync(ct, "sign-up", "--client-id", client, "--username", username, "--password", Password,
            "--user-attributes", $"Name=email,Value={username}@example.com")).Ok().GetProperty("UserConfirmed").GetBoolean());

    private Task<string> CodeAsync(string pool, string recipient, CancellationToken ct) => TriggerLog.LastCodeAsync(fixture.Server, pool, recipient, ct);

    private async Task<(AwsCli Cli, string Pool, string Client)> PoolAsync(CancellationToken ct, params (string Trigger, string Function)[] triggers)
    {
        var cli = fixture.Cli;
        var config = triggers.ToDictionary(t => t.Trigger, t => LambdaHost.Arn(t.Function), StringComparer.Ordinal);
        var pool = await cli.CreatePoolAsync("post-confirmation", ct, "--auto-verified-attributes", "email",
            "--lambda-config", JsonSerializer.Serialize(config));
        var client = await cli.CreatePasswordClientAsync(pool, ct);
        return (cli, pool, client);
    }
}
