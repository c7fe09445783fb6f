using System.Text.Json;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests;

/// <summary><c>ninsho export</c> from a SQLite server, <c>ninsho import</c> into a fresh SQLite server and into PostgreSQL:
/// the old password still signs in, a token signed before the export verifies against the new server's JWKS, and
/// clients (with secrets), resource servers, domains, groups, memberships, a client's risk configuration, terms, branding styles and passkeys (which still sign in) are there. Each server is its own process.</summary>
public sealed class BackupTests
{
    private const string PublicUrl = "http://ninsho.test";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_move_a_whole_server_to_fresh_sqlite_and_postgresql()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await NinshoProcess.StartAsync(ct, "--public-url", PublicUrl);
        var cli = new AwsCli(source.BaseUrl);
        var poolId = await cli.CreatePoolAsync("backup", ct);
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
        var secretClient = await cli.CreateClientAsync(poolId, "with-secret", ct, "--generate-secret");
        _ = await cli.CreateConfirmedUserAsync(poolId, "alice", ct, "Name=email,Value=alice@example.com");
        _ = await cli.CreateUserAsync(poolId, "bob", ct);
        _ = (await cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins", "--precedence", "1")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", "admins")).OkEmpty();
        _ = (await cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", poolId, "--provider-name", "Corp", "--provider-type", "SAML",
            "--provider-details", "MetadataURL=https://idp.example.com/metadata", "--idp-identifiers", "example.com")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-link-provider-for-user", "--user-pool-id", poolId, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=alice",
            "--source-user", "ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=alice-at-corp")).OkEmpty();
        (await cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", "orders", "--name", "Orders",
            "--scopes", "ScopeName=read,ScopeDescription=Read orders")).Ok();
        (await cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", "backup-domain")).Ok();
        (await cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", poolId, "--client-id", clientId,
            "--risk-exception-configuration", "BlockedIPRangeList=192.0.2.0/24")).Ok();
        var termsId = (await cli.CognitoIdpAsync(ct, "create-terms", "--user-pool-id", poolId, "--client-id", clientId, "--terms-name", "terms-of-use",
            "--terms-source", "LINK", "--enforcement", "NONE", "--links", """{"cognito:default":"https://example.com/terms"}""")).Ok().Prop("Terms").Str("TermsId");
        _ = (await cli.CognitoIdpAsync(ct, "create-managed-login-branding", "--user-pool-id", poolId, "--client-id", clientId,
            "--use-cognito-provided-values")).Ok();
        var signedIn = await cli.SignInAsync(clientId, "alice", ct);
        var idToken = signedIn.Str("IdToken");
        var refreshToken = signedIn.Str("RefreshToken");
        var moved = await CreateDeviceAndIdentityAsync(cli, poolId, clientId, idToken, ct);
        using var passkey = new SoftwarePasskey();
        var (passkeyPool, passkeyClient) = await CreatePasskeyAsync(cli, passkey, ct);

        var file = Path.Combine(source.DataDir, "..", "backup.jsonl");
        await RunAsync(ct, "export", "--data-dir", source.DataDir, "--out", file);
        Assert.StartsWith("{\"Type\":\"ninsho-backup\",\"Format\":1}", (await File.ReadAllLinesAsync(file, ct))[0], StringComparison.Ordinal);

        await using var sqlite = await NinshoProcess.StartAsync(ct, "--public-url", PublicUrl);
        sqlite.Kill();
        foreach (var db in Directory.GetFiles(sqlite.DataDir))
        {
            File.Delete(db);
        }

        await RunAsync(ct, "import", "--data-dir", sqlite.DataDir, "--in", file);
        await sqlite.RestartAsync(ct);
        await AssertMovedAsync(sqlite.BaseUrl, poolId, clientId, secretClient, idToken, refreshToken, termsId, ct);
        await AssertDeviceAndIdentityMovedAsync(sqlite.BaseUrl, moved, clientId, ct);
        await AssertPasskeyMovedAsync(sqlite.BaseUrl, passkeyClient, passkey, ct);

        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        if (database.ConnectionString is not { } postgres)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "NINSHO_TEST_PG is not set: CI must run the PostgreSQL tests.");
            return;
        }

        await RunAsync(ct, "import", "--postgres", postgres, "--in", file);
        await using var pg = await NinshoProcess.StartAsync(ct, "--public-url", PublicUrl, "--postgres", postgres);
        await AssertMovedAsync(pg.BaseUrl, poolId, clientId, secretClient, idToken, refreshToken, termsId, ct);
        await AssertDeviceAndIdentityMovedAsync(pg.BaseUrl, moved, clientId, ct);
        await AssertPasskeyMovedAsync(pg.BaseUrl, passkeyClient, passkey, ct);

        // Into a server that already has the pool: refused, nothing half-done reported as success.
        var again = await RunRawAsync(ct, "import", "--postgres", postgres, "--in", file);
        Assert.Equal(1, again.ExitCode);
        // The first pool line of the file is the one refused (pools are exported in id order, so it may be either).
        var firstPool = (await File.ReadAllLinesAsync(file, ct))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .First(line => line.GetProperty("Type").GetString() == "pool")
            .GetProperty("Pool").GetProperty("Id").GetString();
        Assert.Contains(firstPool, new[] { poolId, moved.DevicePool, passkeyPool });
        Assert.Contains($"import failed: Pool {firstPool} already exists.", again.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A remembered device (in a second pool, which tracks devices) and an identity pool with alice's
    /// identity, linked to her user-pool login.</summary>
    private static async Task<MovedExtras> CreateDeviceAndIdentityAsync(AwsCli cli, string poolId, string clientId, string idToken, CancellationToken ct)
    {
        var devicePool = await cli.CreatePoolAsync("devices", ct,
            "--device-configuration", "ChallengeRequiredOnNewDevice=false,DeviceOnlyRememberedOnUserPrompt=false");
        var deviceClient = await cli.CreatePasswordClientAsync(devicePool, ct);
        _ = await cli.CreateConfirmedUserAsync(devicePool, "carol", ct);
        var signedIn = await cli.SignInAsync(deviceClient, "carol", ct);
        var deviceKey = signedIn.Prop("NewDeviceMetadata").Str("DeviceKey");
        _ = (await cli.CognitoIdpAsync(ct, "confirm-device", "--access-token", signedIn.Str("AccessToken"), "--device-key", deviceKey,
            "--device-name", "laptop", "--device-secret-verifier-config", "PasswordVerifier=Ag==,Salt=AQID")).Ok();

        var provider = $"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}";
        var identityPool = (await cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "moved",
            "--no-allow-unauthenticated-identities", "--cognito-identity-providers", $"ProviderName={provider},ClientId={clientId}"))
            .Ok().Str("IdentityPoolId");
        var identityId = (await cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", identityPool,
            "--logins", $"{provider}={idToken}")).Ok().Str("IdentityId");
        return new MovedExtras(devicePool, deviceKey, identityPool, identityId, provider);
    }

    private static async Task AssertDeviceAndIdentityMovedAsync(string baseUrl, MovedExtras moved, string clientId, CancellationToken ct)
    {
        var cli = new AwsCli(baseUrl);
        var devices = (await cli.CognitoIdpAsync(ct, "admin-list-devices", "--user-pool-id", moved.DevicePool, "--username", "carol")).Ok();
        var device = Assert.Single(devices.Items("Devices"));
        Assert.Equal(moved.DeviceKey, device.Str("DeviceKey"));

        Assert.Equal("moved", (await cli.CognitoIdentityAsync(ct, "describe-identity-pool", "--identity-pool-id", moved.IdentityPool))
            .Ok().Str("IdentityPoolName"));
        var identity = (await cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", moved.IdentityId)).Ok();
        Assert.Equal([moved.Provider], identity.Prop("Logins").EnumerateArray().Select(l => l.GetString()));
        // A new sign-in on the new server maps to the same identity: the login itself moved, not just the row.
        var signedIn = await cli.SignInAsync(clientId, "alice", ct);
        var idToken = signedIn.Str("IdToken");
        var refreshToken = signedIn.Str("RefreshToken");
        Assert.Equal(moved.IdentityId, (await cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", moved.IdentityPool,
            "--logins", $"{moved.Provider}={idToken}")).Ok().Str("IdentityId"));
    }

    /// <summary>A pool with passkeys on, where dan registered <paramref name="passkey"/>.</summary>
    private static async Task<(string PoolId, string ClientId)> CreatePasskeyAsync(AwsCli cli, SoftwarePasskey passkey, CancellationToken ct)
    {
        var (poolId, clientId) = await WebAuthnRegistrationTests.PasskeyPoolAsync(cli, ct);
        _ = await cli.CreateConfirmedUserAsync(poolId, "dan", ct);
        var token = (await cli.SignInAsync(clientId, "dan", ct)).Str("AccessToken");
        var options = (await cli.CognitoIdpAsync(ct, "start-web-authn-registration", "--access-token", token)).Ok().Prop("CredentialCreationOptions");
        (await cli.CognitoIdpAsync(ct, "complete-web-authn-registration", "--access-token", token,
            "--credential", passkey.Register(options, "https://auth.example.com"))).OkEmpty();
        return (poolId, clientId);
    }

    /// <summary>dan's passkey is listed on the new server and signs in there: its public key moved.</summary>
    private static async Task AssertPasskeyMovedAsync(string baseUrl, string clientId, SoftwarePasskey passkey, CancellationToken ct)
    {
        var cli = new AwsCli(baseUrl);
        var challenge = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_AUTH",
            "--auth-parameters", "USERNAME=dan,PREFERRED_CHALLENGE=WEB_AUTHN")).Ok();
        using var options = JsonDocument.Parse(challenge.Prop("ChallengeParameters").Str("CREDENTIAL_REQUEST_OPTIONS"));
        var tokens = (await cli.RespondAsync(clientId, "WEB_AUTHN", challenge.Str("Session"), ct, ("USERNAME", "dan"),
            ("CREDENTIAL", passkey.Authenticate(options.RootElement, "https://auth.example.com")))).Ok().Prop("AuthenticationResult");
        var listed = (await cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", tokens.Str("AccessToken"))).Ok();
        Assert.Equal(passkey.CredentialId, Assert.Single(listed.Items("Credentials")).Str("CredentialId"));
    }

    private sealed record MovedExtras(string DevicePool, string DeviceKey, string IdentityPool, string IdentityId, string Provider);

    private static async Task AssertMovedAsync(
        string baseUrl, string poolId, string clientId, JsonElement secretClient, string idToken, string refreshToken, string termsId, CancellationToken ct)
    {
        var cli = new AwsCli(baseUrl);

        // Refresh tokens do not move (their revocations are not exported, so their key is not either): users sign in again.
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={refreshToken}"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Invalid Refresh Token");
        Assert.Equal(clientId, (await cli.CognitoIdpAsync(ct, "describe-terms", "--user-pool-id", poolId, "--terms-id", termsId))
            .Ok().Prop("Terms").Str("ClientId"));
        (await cli.CognitoIdpAsync(ct, "describe-managed-login-branding-by-client", "--user-pool-id", poolId, "--client-id", clientId))
            .Ok().Prop("ManagedLoginBranding").AssertTrue("UseCognitoProvidedValues");
        var payload = await NodeTokenVerifier.VerifyWithIssuerAsync(
            $"{PublicUrl}/{poolId}", NodeTokenVerifier.JwksUrl(baseUrl, poolId), idToken, "id", clientId, ct);
        Assert.Equal("alice", payload.GetProperty("cognito:username").GetString());

        Assert.Equal("Corp", (await cli.CognitoIdpAsync(ct, "get-identity-provider-by-identifier", "--user-pool-id", poolId,
            "--idp-identifier", "example.com")).Ok().Prop("IdentityProvider").Str("ProviderName"));

        var tokens = await cli.SignInAsync(clientId, "alice", ct);
        var fresh = await NodeTokenVerifier.VerifyWithIssuerAsync(
            $"{PublicUrl}/{poolId}", NodeTokenVerifier.JwksUrl(baseUrl, poolId), tokens.Str("IdToken"), "id", clientId, ct);
        Assert.Equal(["admins"], fresh.GetProperty("cognito:groups").EnumerateArray().Select(g => g.GetString()));

        var client = (await cli.CognitoIdpAsync(ct, "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", secretClient.Str("ClientId")))
            .Ok().Prop("UserPoolClient");
        Assert.Equal(secretClient.Str("ClientSecret"), client.Str("ClientSecret"));
        Assert.Equal("FORCE_CHANGE_PASSWORD", (await cli.GetUserAsync(poolId, "bob", ct)).Str("UserStatus"));
        var pool = await cli.DescribePoolAsync(poolId, ct);
        pool.AssertNumber("EstimatedNumberOfUsers", 2);
        Assert.Equal("backup-domain", pool.Str("Domain"));
        var server = (await cli.CognitoIdpAsync(ct, "describe-resource-server", "--user-pool-id", poolId, "--identifier", "orders")).Ok().Prop("ResourceServer");
        Assert.Equal("Read orders", Assert.Single(server.Items("Scopes")).Str("ScopeDescription"));
        var risk = (await cli.CognitoIdpAsync(ct, "describe-risk-configuration", "--user-pool-id", poolId, "--client-id", clientId)).Ok().Prop("RiskConfiguration");
        Assert.Equal(["192.0.2.0/24"], risk.Prop("RiskExceptionConfiguration").Items("BlockedIPRangeList").Select(r => r.GetString()));

        // The linked identity moved with alice: shown on her, and its link there to remove.
        Assert.Contains("\"userId\":\"alice-at-corp\"", (await cli.GetUserAsync(poolId, "alice", ct)).Attributes("UserAttributes")
            .Single(a => a.Key == "identities").Value, StringComparison.Ordinal);
        (await cli.CognitoIdpAsync(ct, "admin-disable-provider-for-user", "--user-pool-id", poolId,
            "--user", "ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=alice-at-corp")).OkEmpty();
    }

    private static async Task RunAsync(CancellationToken ct, params string[] args)
    {
        var result = await RunRawAsync(ct, args);
        Assert.True(result.ExitCode == 0, $"ninsho {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}\n{result.Stdout}");
    }

    private static Task<ChildProcessResult> RunRawAsync(CancellationToken ct, params string[] args) =>
        ChildProcess.RunAsync(RepoPaths.ServerProgram,
            RepoPaths.ServerArguments(args),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_DATA_DIR"] = null, ["NINSHO_POSTGRES"] = null },
            TimeSpan.FromSeconds(120), null, ct);
}
