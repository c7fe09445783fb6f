using static Ninsho.Server.Tests.TriggerWireSteps;

namespace Ninsho.Server.Tests;

/// <summary>The sign-in triggers on a remembered device's sign-in (DEVICE_SRP_AUTH), driven by
/// amazon-cognito-identity-js with real Node handlers (docs/triggers.md#pretokengeneration, #postauthentication):
/// the tokens of the device sign-in come from <c>TokenGeneration_AuthenticateDevice</c>, and post authentication
/// learns whether the device was new.</summary>
public sealed class AuthenticateDeviceTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_pre_token_generation_as_AuthenticateDevice_on_a_remembered_device_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, PreTokenConfig("V1_0", "pretoken-v1", "PostAuthentication", "postauth-pause"), "alice@example.com", ct,
            ["--device-configuration", "ChallengeRequiredOnNewDevice=false,DeviceOnlyRememberedOnUserPrompt=true"]);

        var report = await NodeSrpJourney.RunAsync(fixture.Server.BaseUrl, pool, client, "alice", CliSteps.Password, devices: true, ct);
        var deviceKey = report.Str("deviceKey");
        Assert.Equal(deviceKey, report.Prop("second").Str("deviceKey"));

        // The journey: SRP sign-in (a new device), refresh, the device sign-in, its refresh.
        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(
            ["TokenGeneration_Authentication", "PostAuthentication_Authentication", "TokenGeneration_RefreshTokens",
                "TokenGeneration_AuthenticateDevice", "PostAuthentication_Authentication", "TokenGeneration_RefreshTokens"],
            logged.Select(l => l.Str("TriggerSource")));
        var postAuth = logged.Where(l => l.Str("TriggerSource") == "PostAuthentication_Authentication")
            .Select(l => l.GetProperty("Event").GetProperty("request").GetProperty("newDeviceUsed").GetBoolean());
        Assert.Equal([true, false], postAuth);
    }
}
