namespace Ninsho.Server.Tests;

/// <summary>Issue 4 through the <c>aws</c> CLI: a user who asks for a sixth password-reset code within an hour gets
/// Cognito's LimitExceededException (docs/cognito-behaviour.md#codes-sign-up-and-password-reset), and the code from before still works. The hour itself is
/// moved in <see cref="InProcess.TimeBoundLifecycleTests"/>.</summary>
[Collection(UserLifecycleServer.Name)]
public sealed class AttemptLimitTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_a_sixth_forgot_password_within_the_hour()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("attempts", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ada", ct, "Name=email,Value=ada@example.com", "Name=email_verified,Value=true");
        for (var i = 0; i < 5; i++)
        {
            _ = (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", clientId, "--username", "ada")).Ok();
        }

        // The CLI may append its retry note to LimitExceededException lines, so only the start is compared.
        (await Cli.CognitoIdpAsync(ct, "forgot-password", "--client-id", clientId, "--username", "ada"))
            .AssertErrorStartsWith("LimitExceededException", "ForgotPassword", "Attempt limit exceeded, please try after some time.");

        var outbox = await fixture.Raw.GetAsync($"/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient=ada%40example.com", ct);
        var messages = outbox.Json!.RootElement.Items("Messages");
        Assert.Equal(5, messages.Count);
        (await Cli.CognitoIdpAsync(ct, "confirm-forgot-password", "--client-id", clientId, "--username", "ada",
            "--confirmation-code", messages[^1].Str("Code"), "--password", "Next#Pass123")).OkEmpty();
        _ = await Cli.SignInAsync(clientId, "ada", ct, "Next#Pass123");
    }
}
