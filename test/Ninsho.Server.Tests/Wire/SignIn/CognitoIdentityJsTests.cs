using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Issue 4 through amazon-cognito-identity-js 6.3.21 (<c>test/js/user-lifecycle.mjs</c>), the library browser apps
/// use: signUp → confirmRegistration → authenticateUser → forgotPassword → confirmPassword → changePassword →
/// updateAttributes → verifyAttribute → getUserAttributes, with the codes read from the outbox over HTTP.
/// </summary>
[Collection(UserLifecycleServer.Name)]
public sealed class CognitoIdentityJsTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Runs_the_self_service_journey_through_amazon_cognito_identity_js()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var poolId = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "acij", "--auto-verified-attributes", "email"))
            .Ok().Prop("UserPool").Str("Id");
        var clientId = (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "web",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");

        var summary = await RunJourneyAsync(poolId, clientId, "alice", "alice@example.com", "alice.new@example.com", ct);

        var signUp = summary.Prop("signUp");
        signUp.AssertFalse("userConfirmed");
        var sub = signUp.Str("userSub");
        var delivery = signUp.Prop("codeDeliveryDetails");
        Assert.Equal(("a***@e***", "EMAIL", "email"), (delivery.Str("Destination"), delivery.Str("DeliveryMedium"), delivery.Str("AttributeName")));
        Assert.Equal("SUCCESS", summary.Str("confirmRegistration"));
        Assert.Equal("alice", summary.Prop("firstSignIn").Str("idTokenUsername"));
        summary.Prop("firstSignIn").AssertTrue("valid");
        Assert.Equal("a***@e***", summary.Prop("forgotPassword").Str("Destination"));
        Assert.Equal(
            ["SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS"],
            new[] { "confirmPassword", "changePassword", "updateAttributes", "verifyAttribute" }.Select(step => summary.Str(step)));
        Assert.Equal(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["sub"] = sub,
                ["email"] = "alice.new@example.com",
                ["email_verified"] = "true",
                ["name"] = "Alice Example",
            },
            summary.Prop("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
        Assert.Equal("alice.new@example.com", summary.Prop("lastSignIn").Str("email"));

        var user = (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "alice")).Ok();
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
    }

    private async Task<JsonElement> RunJourneyAsync(string poolId, string clientId, string username, string email, string newEmail, CancellationToken ct)
    {
        var acij = Path.Combine(RepoPaths.JsDir, "node_modules", "amazon-cognito-identity-js", "package.json");
        Assert.True(File.Exists(acij), $"{acij} is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        var result = await ChildProcess.RunAsync(
            "node",
            [Path.Combine(RepoPaths.JsDir, "user-lifecycle.mjs"), fixture.BaseUrl, poolId, clientId, username, email, newEmail],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            TimeSpan.FromSeconds(120),
            RepoPaths.JsDir,
            ct);
        Assert.True(result.ExitCode == 0, $"amazon-cognito-identity-js journey failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var summary = JsonDocument.Parse(result.Stdout);
        return summary.RootElement.Clone();
    }
}
