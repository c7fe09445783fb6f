namespace Ninsho.Server.Tests;

/// <summary>
/// Device tracking (docs/cognito-behaviour.md#remembered-devices): amazon-cognito-identity-js confirms the device a sign-in hands out,
/// remembers it and signs in again through DEVICE_SRP_AUTH; the admin device operations through the aws CLI.
/// </summary>
[Collection(SrpServer.Name)]
public sealed class DeviceTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_remember_a_device_with_amazon_cognito_identity_js_and_manage_it_with_the_CLI()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("devices", ct,
            "--device-configuration", "ChallengeRequiredOnNewDevice=false,DeviceOnlyRememberedOnUserPrompt=true");
        var sub = (await Cli.CreateConfirmedUserAsync(poolId, "alice", ct)).Attributes("Attributes")[0].Value;
        var clientId = (await Cli.CreateClientAsync(poolId, "app", ct,
            "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Str("ClientId");

        var report = await NodeSrpJourney.RunAsync(fixture.BaseUrl, poolId, clientId, "alice", CliSteps.Password, devices: true, ct);

        // The device is confirmed but waits for the user's prompt, then setDeviceStatusRemembered remembers it.
        report.AssertTrue("userConfirmationNecessary");
        var deviceKey = report.Str("deviceKey");
        Assert.Matches("^ap-northeast-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", deviceKey);
        Assert.Equal(deviceKey, report.Prop("device").Str("DeviceKey"));
        Assert.Contains(new KeyValuePair<string, string>("dev:device_remembered_status", "remembered"), report.Prop("device").Attributes("DeviceAttributes"));
        Assert.Equal((sub, deviceKey), (report.Prop("second").Str("sub"), report.Prop("second").Str("deviceKey")));
        Assert.Equal([deviceKey], report.GetProperty("listed").EnumerateArray().Select(e => e.GetString()));
        // Access tokens name the device: the sign-in that got it, the device sign-in, and a refresh naming it.
        var keys = report.Prop("accessDeviceKeys");
        Assert.Equal((deviceKey, deviceKey, deviceKey), (keys.Str("first"), keys.Str("second"), keys.Str("refreshed")));
        var trace = SrpSignInTests.Trace(report);
        Assert.Equal(
            ["RespondToAuthChallenge:PASSWORD_VERIFIER", "RespondToAuthChallenge:DEVICE_SRP_AUTH", "RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER"],
            trace.SkipWhile(t => t != "UpdateDeviceStatus").Where(t => t.StartsWith("RespondToAuthChallenge", StringComparison.Ordinal)));
        Assert.Contains("ConfirmDevice", trace);

        var listed = (await Cli.CognitoIdpAsync(ct, "admin-list-devices", "--user-pool-id", poolId, "--username", "alice")).Ok().Items("Devices");
        Assert.Equal(deviceKey, Assert.Single(listed).Str("DeviceKey"));
        (await Cli.CognitoIdpAsync(ct, "admin-update-device-status", "--user-pool-id", poolId, "--username", "alice",
            "--device-key", deviceKey, "--device-remembered-status", "not_remembered")).OkEmpty();
        var device = (await Cli.CognitoIdpAsync(ct, "admin-get-device", "--user-pool-id", poolId, "--username", "alice",
            "--device-key", deviceKey)).Ok().Prop("Device");
        Assert.Contains(new KeyValuePair<string, string>("dev:device_remembered_status", "not_remembered"), device.Attributes("DeviceAttributes"));
        device.AssertEpochSeconds("DeviceLastAuthenticatedDate");

        (await Cli.CognitoIdpAsync(ct, "admin-forget-device", "--user-pool-id", poolId, "--username", "alice", "--device-key", deviceKey)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "admin-get-device", "--user-pool-id", poolId, "--username", "alice", "--device-key", deviceKey))
            .AssertError("ResourceNotFoundException", "AdminGetDevice", "Device does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_hand_out_NewDeviceMetadata_only_when_the_pool_tracks_devices()
    {
        var ct = TestContext.Current.CancellationToken;
        var tracking = await Cli.CreatePoolAsync("devices-on", ct, "--device-configuration", "ChallengeRequiredOnNewDevice=false");
        var plain = await Cli.CreatePoolAsync("devices-off", ct);
        foreach (var poolId in new[] { tracking, plain })
        {
            _ = await Cli.CreateConfirmedUserAsync(poolId, "bob", ct);
        }

        var result = await Cli.SignInAsync(await Cli.CreatePasswordClientAsync(tracking, ct), "bob", ct);
        var metadata = result.Prop("NewDeviceMetadata");
        Assert.Matches("^ap-northeast-1_[0-9a-f-]{36}$", metadata.Str("DeviceKey"));
        Assert.NotEmpty(metadata.Str("DeviceGroupKey"));
        var unconfirmed = (await Cli.CognitoIdpAsync(ct, "admin-list-devices", "--user-pool-id", tracking, "--username", "bob")).Ok().Items("Devices");
        Assert.Equal(metadata.Str("DeviceKey"), Assert.Single(unconfirmed).Str("DeviceKey"));

        // The user's own operations, with the access token of that sign-in.
        var (access, deviceKey) = (result.Str("AccessToken"), metadata.Str("DeviceKey"));
        Assert.Equal(deviceKey, (await Cli.CognitoIdpAsync(ct, "get-device", "--access-token", access, "--device-key", deviceKey)).Ok()
            .Prop("Device").Str("DeviceKey"));
        (await Cli.CognitoIdpAsync(ct, "forget-device", "--access-token", access, "--device-key", deviceKey)).OkEmpty();
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "list-devices", "--access-token", access)).Ok().Items("Devices"));
        (await Cli.CognitoIdpAsync(ct, "get-device", "--access-token", access, "--device-key", deviceKey))
            .AssertError("ResourceNotFoundException", "GetDevice", "Device does not exist.");

        // A sign-in naming a device the user does not have is refused with a message clients recognise ("device").
        (await Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", await Cli.CreatePasswordClientAsync(tracking, ct), "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=bob,PASSWORD={CliSteps.Password},DEVICE_KEY={deviceKey}"))
            .AssertError("ResourceNotFoundException", "InitiateAuth", "Device does not exist.");

        (await Cli.SignInAsync(await Cli.CreatePasswordClientAsync(plain, ct), "bob", ct))
            .AssertMissing("NewDeviceMetadata");
        (await Cli.CognitoIdpAsync(ct, "admin-get-device", "--user-pool-id", tracking, "--username", "bob", "--device-key", "ap-northeast-1_00000000-0000-0000-0000-000000000000"))
            .AssertError("ResourceNotFoundException", "AdminGetDevice", "Device does not exist.");
    }
}
