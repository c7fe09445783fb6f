using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// The TOTP journey through amazon-cognito-identity-js 6.3.21 (<c>test/js/totp-journey.mjs</c>): sign-in with
/// USER_PASSWORD_AUTH, associateSoftwareToken, verifySoftwareToken with a code from otpauth, setUserMfaPreference,
/// then a sign-in that answers totpRequired with sendMFACode(…, 'SOFTWARE_TOKEN_MFA'). SRP is not on this branch.
/// </summary>
[Collection(MfaServer.Name)]
public sealed class TotpJourneyTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Amazon_cognito_identity_js_enrols_TOTP_and_signs_in_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var poolId = await cli.CreatePoolAsync("totp-journey", ct);
        (await cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--mfa-configuration", "OPTIONAL", "--software-token-mfa-configuration", "Enabled=true")).Ok();
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
        _ = await cli.CreateConfirmedUserAsync(poolId, "ada", ct);

        var script = Path.Combine(RepoPaths.JsDir, "totp-journey.mjs");
        Assert.True(File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "amazon-cognito-identity-js", "package.json")),
            "test/js/node_modules is missing: run scripts/setup.sh (it runs 'npm ci' in test/js) before the wire tests.");
        var result = await ChildProcess.RunAsync(
            "node",
            [script, fixture.BaseUrl, poolId, clientId, "ada", CliSteps.Password],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null },
            TimeSpan.FromSeconds(120),
            RepoPaths.JsDir,
            ct);
        Assert.True(result.ExitCode == 0, $"totp-journey.mjs failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var output = JsonDocument.Parse(result.Stdout);
        var journey = output.RootElement;

        Assert.Equal("SUCCESS", journey.Str("verifyStatus"));
        Assert.Equal("SOFTWARE_TOKEN_MFA", journey.Str("challenge"));
        Assert.Equal("CodeMismatchException", journey.Prop("wrongCodeError").Str("code"));
        Assert.Equal("Invalid code or auth state for the user.", journey.Prop("wrongCodeError").Str("message"));
        var access = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, journey.Str("accessToken"), "access", clientId, ct);
        Assert.Equal("ada", access.Str("username"));

        var user = await cli.GetUserAsync(poolId, "ada", ct);
        Assert.Equal("SOFTWARE_TOKEN_MFA", user.Str("PreferredMfaSetting"));
    }
}
