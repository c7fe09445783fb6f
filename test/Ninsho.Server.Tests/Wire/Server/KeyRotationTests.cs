using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests;

/// <summary>Signing-key and sealing-key rotation (docs/operations.md#key-rotation): on two server processes sharing
/// one PostgreSQL database (rotated on one node, followed by the other within <c>--key-refresh-seconds</c>), and on
/// one SQLite node through the <c>ninsho keys</c> command. Tokens are checked with aws-jwt-verify against each
/// node's JWKS. The nodes run with <c>--key-refresh-seconds 1</c>, so a rotation's keys are used one second later.</summary>
public sealed class KeyRotationTests
{
    private const string Issuer = "http://ninsho.test";
    private const string Password = "Final-Pass1!";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_rotate_signing_and_sealing_keys_across_two_nodes_on_postgresql()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var postgres = database.ConnectionStringOrSkip();
        string[] shared = ["--postgres", postgres, "--public-url", Issuer, "--key-refresh-seconds", "1"];
        await using var nodeA = await NinshoProcess.StartAsync(shared, ct);
        await using var nodeB = await NinshoProcess.StartAsync(shared, ct);
        using var a = new RawCognito(nodeA.BaseUrl);
        using var b = new RawCognito(nodeB.BaseUrl);
        var (pool, client, secret) = await CreatePoolAsync(a, ct);
        await CreateUserAsync(a, pool, "alice", ct);

        // Signed in on A before the rotation.
        var before = await SignInAsync(a, client, secret, "alice", ct);
        var oldKid = Kid(before.Access);

        // Rotated on B: the new keys are published at once by B, and by A within the refresh interval.
        var rotation = await OperatorAsync(nodeB, $"/_ninsho/keys/rotate?pool={pool}&grace=1h", ct);
        var newKids = rotation.GetProperty("kids").EnumerateArray().Select(k => k.GetString()!).ToArray();
        Assert.Equal(2, newKids.Length);
        Assert.Contains(newKids[0], await JwksKidsAsync(nodeB, pool, ct));

        // Sign-ins on either node until both sign with a new key; every token's kid is published by both nodes at
        // the moment it is handed out (no node signs with a key another node does not publish).
        var signedWithNew = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; signedWithNew.Count < 2; i++)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "The nodes did not switch to the new keys within 20 s.");
            var (node, raw) = i % 2 == 0 ? (nodeA, a) : (nodeB, b);
            var tokens = await SignInAsync(raw, client, secret, "alice", ct);
            foreach (var token in new[] { tokens.Access, tokens.Id })
            {
                Assert.Contains(Kid(token), await JwksKidsAsync(nodeA, pool, ct));
                Assert.Contains(Kid(token), await JwksKidsAsync(nodeB, pool, ct));
            }

            if (newKids.AsEnumerable().Contains(Kid(tokens.Access)))
            {
                Assert.Contains(Kid(tokens.Id), newKids);
                if (signedWithNew.Add(node.BaseUrl) && signedWithNew.Count == 1)
                {
                    // aws-jwt-verify takes the new token with the other node's JWKS.
                    _ = await NodeTokenVerifier.VerifyWithIssuerAsync(
                        $"{Issuer}/{pool}", NodeTokenVerifier.JwksUrl((node == nodeA ? nodeB : nodeA).BaseUrl, pool), tokens.Access, "access", client, ct);
                }
            }
        }

        // The token issued before the rotation still verifies against either JWKS and on either node, and its
        // refresh token gets tokens signed with the new keys.
        await VerifyOldTokensAsync(nodeA, nodeB, pool, client, before, ct);
        Ok(await b.IdpAsync("GetUser", Json(new { AccessToken = before.Access }), ct));
        var refreshed = Ok(await b.IdpAsync("InitiateAuth", Json(new
        {
            AuthFlow = "REFRESH_TOKEN_AUTH",
            ClientId = client,
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = before.Refresh, ["SECRET_HASH"] = SecretHash(secret, "alice", client) },
        }), ct)).GetProperty("AuthenticationResult");
        Assert.Contains(Kid(refreshed.GetProperty("AccessToken").GetString()!), newKids);

        // Retired on A: the old keys leave both JWKS (B within the refresh interval) and the old token is refused.
        var retired = await OperatorAsync(nodeA, $"/_ninsho/keys/retire?pool={pool}", ct);
        Assert.Contains(oldKid, retired.GetProperty("retired").EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain(oldKid, await JwksKidsAsync(nodeA, pool, ct));
        await EventuallyAsync(async () => !(await JwksKidsAsync(nodeB, pool, ct)).Contains(oldKid), "B still publishes the retired key", ct);
        Assert.Equal(newKids.Order(StringComparer.Ordinal), (await JwksKidsAsync(nodeB, pool, ct)).Order(StringComparer.Ordinal));
        Assert.Equal("NotAuthorizedException", (await b.IdpAsync("GetUser", Json(new { AccessToken = before.Access }), ct)).ErrorType);

        // Sealing keys. A challenge sealed before the rotation is answered after it, on the other node.
        await CreateUserAsync(a, pool, "carol", ct, temporary: true);
        var challenge = Ok(await a.IdpAsync("InitiateAuth", Json(PasswordAuth(client, secret, "carol", "Temp-Pass1!")), ct));
        Assert.Equal(1, Base64Url.DecodeFromChars(challenge.GetProperty("Session").GetString()!)[0]);
        var totpSecret = await EnableTotpAsync(a, pool, client, secret, "alice", ct);
        var sealing = await OperatorAsync(nodeB, "/_ninsho/keys/rotate-sealing", ct);
        Assert.Equal(3, sealing.GetProperty("generations").EnumerateObject().Count());
        Assert.Equal(409, (await PostAsync(nodeA, "/_ninsho/keys/retire-sealing", ct)).Status);
        await EventuallyAsync(
            async () => Base64Url.DecodeFromChars((await a.IdpAsync("InitiateAuth", Json(PasswordAuth(client, secret, "alice", Password)), ct))
                .Json!.RootElement.GetProperty("Session").GetString()!)[0] == 2,
            "A does not seal with the new session key", ct);
        Ok(await b.IdpAsync("RespondToAuthChallenge", Json(new
        {
            ClientId = client,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.GetProperty("Session").GetString(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = "carol",
                ["NEW_PASSWORD"] = Password,
                ["SECRET_HASH"] = SecretHash(secret, "carol", client),
            },
        }), ct));

        // Reseal and retire on A: the client secret is sealed again, the old generations are deleted, and on B the
        // client secret still authenticates and the TOTP user signs in.
        var retiredSealing = await OperatorAsync(nodeA, "/_ninsho/keys/retire-sealing", ct);
        Assert.Equal(["client-secret-key", "refresh-token-key", "session-key"], retiredSealing.GetProperty("retired").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(secret, Ok(await b.IdpAsync("DescribeUserPoolClient", Json(new { UserPoolId = pool, ClientId = client }), ct))
            .GetProperty("UserPoolClient").GetProperty("ClientSecret").GetString());
        var mfa = Ok(await b.IdpAsync("InitiateAuth", Json(PasswordAuth(client, secret, "alice", Password)), ct));
        Assert.Equal("SOFTWARE_TOKEN_MFA", mfa.GetProperty("ChallengeName").GetString());
        var signedIn = Ok(await b.IdpAsync("RespondToAuthChallenge", Json(new
        {
            ClientId = client,
            ChallengeName = "SOFTWARE_TOKEN_MFA",
            Session = mfa.GetProperty("Session").GetString(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = "alice",
                ["SOFTWARE_TOKEN_MFA_CODE"] = TestTotp.Next(totpSecret),
                ["SECRET_HASH"] = SecretHash(secret, "alice", client),
            },
        }), ct));
        Assert.Contains(Kid(signedIn.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!), newKids);

        // Refresh tokens are sealed with refresh-token-key: retiring its old generation ends the tokens sealed under it
        // (docs/operations.md#key-rotation), on B once it has reread the keys; a token sealed under the new one refreshes.
        object Refresh(string token) => new
        {
            AuthFlow = "REFRESH_TOKEN_AUTH",
            ClientId = client,
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = token, ["SECRET_HASH"] = SecretHash(secret, "alice", client) },
        };
        await EventuallyAsync(
            async () => (await b.IdpAsync("InitiateAuth", Json(Refresh(before.Refresh)), ct)).ErrorType == "NotAuthorizedException",
            "B still takes a refresh token sealed under a retired generation", ct);
        Ok(await b.IdpAsync("InitiateAuth", Json(Refresh(signedIn.GetProperty("AuthenticationResult").GetProperty("RefreshToken").GetString()!)), ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_rotate_and_retire_keys_with_the_keys_command_on_sqlite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await NinshoProcess.StartAsync(ct, "--public-url", Issuer, "--key-refresh-seconds", "1");
        using var raw = new RawCognito(node.BaseUrl);
        var (pool, client, secret) = await CreatePoolAsync(raw, ct);
        await CreateUserAsync(raw, pool, "alice", ct);
        var before = await SignInAsync(raw, client, secret, "alice", ct);
        var oldKid = Kid(before.Access);

        using var rotated = JsonDocument.Parse(await KeysAsync(ct, "rotate", "--data-dir", node.DataDir, "--pool", pool, "--grace", "90m", "--key-refresh-seconds", "1"));
        var newKids = rotated.RootElement.GetProperty("kids").EnumerateArray().Select(k => k.GetString()!).ToArray();
        await EventuallyAsync(async () => newKids.AsEnumerable().Contains(Kid((await SignInAsync(raw, client, secret, "alice", ct)).Access)), "the server does not sign with the new key", ct);
        _ = await NodeTokenVerifier.VerifyWithIssuerAsync($"{Issuer}/{pool}", NodeTokenVerifier.JwksUrl(node.BaseUrl, pool), before.Access, "access", client, ct);
        using (var listed = JsonDocument.Parse(await KeysAsync(ct, "list", "--data-dir", node.DataDir, "--pool", pool)))
        {
            var keys = listed.RootElement.GetProperty("keys").EnumerateArray().ToArray();
            Assert.Equal(4, keys.Length);
            Assert.Equal(
                DateTimeOffset.Parse(keys[2].GetProperty("activeAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(90),
                DateTimeOffset.Parse(keys[0].GetProperty("retireAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        var sealedBefore = Ok(await raw.IdpAsync("DescribeUserPoolClient", Json(new { UserPoolId = pool, ClientId = client }), ct));
        _ = await KeysAsync(ct, "rotate-sealing", "--data-dir", node.DataDir, "--key-refresh-seconds", "1");
        await EventuallyAsync(async () => await RunKeysAsync(ct, "reseal", "--data-dir", node.DataDir) is { ExitCode: 0 }, "reseal kept refusing", ct);
        using var retired = JsonDocument.Parse(await KeysAsync(ct, "retire-sealing", "--data-dir", node.DataDir));
        Assert.Equal(3, retired.RootElement.GetProperty("retired").GetArrayLength());
        using var retiredKeys = JsonDocument.Parse(await KeysAsync(ct, "retire", "--data-dir", node.DataDir, "--pool", pool));
        Assert.Contains(oldKid, retiredKeys.RootElement.GetProperty("retired").EnumerateArray().Select(k => k.GetString()));

        // After the server's next reread: the old kid is gone, the client secret (resealed) still signs in.
        await EventuallyAsync(async () => !(await JwksKidsAsync(node, pool, ct)).Contains(oldKid), "the retired key is still published", ct);
        Assert.Equal(
            sealedBefore.GetProperty("UserPoolClient").GetProperty("ClientSecret").GetString(),
            Ok(await raw.IdpAsync("DescribeUserPoolClient", Json(new { UserPoolId = pool, ClientId = client }), ct)).GetProperty("UserPoolClient").GetProperty("ClientSecret").GetString());
        Assert.Contains(Kid((await SignInAsync(raw, client, secret, "alice", ct)).Access), newKids);

        // Bad input: an unknown pool and a grace that is not a duration.
        Assert.Equal(1, (await RunKeysAsync(ct, "rotate", "--data-dir", node.DataDir, "--pool", "us-east-1_missing")).ExitCode);
        Assert.Equal(400, (await PostAsync(node, $"/_ninsho/keys/rotate?pool={pool}&grace=soon", ct)).Status);
    }

    private sealed record Tokens(string Access, string Id, string Refresh);

    private static async Task<(string Pool, string Client, string Secret)> CreatePoolAsync(RawCognito raw, CancellationToken ct)
    {
        var pool = Ok(await raw.IdpAsync("CreateUserPool", Json(new { PoolName = "rotation" }), ct)).GetProperty("UserPool").GetProperty("Id").GetString()!;
        Ok(await raw.IdpAsync("SetUserPoolMfaConfig", Json(new { UserPoolId = pool, MfaConfiguration = "OPTIONAL", SoftwareTokenMfaConfiguration = new { Enabled = true } }), ct));
        var client = Ok(await raw.IdpAsync("CreateUserPoolClient", Json(new
        {
            UserPoolId = pool,
            ClientName = "app",
            GenerateSecret = true,
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        }), ct)).GetProperty("UserPoolClient");
        return (pool, client.GetProperty("ClientId").GetString()!, client.GetProperty("ClientSecret").GetString()!);
    }

    private static async Task CreateUserAsync(RawCognito raw, string pool, string username, CancellationToken ct, bool temporary = false)
    {
        Ok(await raw.IdpAsync("AdminCreateUser", Json(new { UserPoolId = pool, Username = username, TemporaryPassword = "Temp-Pass1!", MessageAction = "SUPPRESS" }), ct));
        if (!temporary)
        {
            Ok(await raw.IdpAsync("AdminSetUserPassword", Json(new { UserPoolId = pool, Username = username, Password, Permanent = true }), ct));
        }
    }

    private static object PasswordAuth(string client, string secret, string username, string password) => new
    {
        AuthFlow = "USER_PASSWORD_AUTH",
        ClientId = client,
        AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password, ["SECRET_HASH"] = SecretHash(secret, username, client) },
    };

    private static async Task<Tokens> SignInAsync(RawCognito raw, string client, string secret, string username, CancellationToken ct)
    {
        var result = Ok(await raw.IdpAsync("InitiateAuth", Json(PasswordAuth(client, secret, username, Password)), ct)).GetProperty("AuthenticationResult");
        return new Tokens(result.GetProperty("AccessToken").GetString()!, result.GetProperty("IdToken").GetString()!, result.GetProperty("RefreshToken").GetString()!);
    }

    /// <summary>Turns on TOTP for the user (verified with the current step) and returns its secret.</summary>
    private static async Task<string> EnableTotpAsync(RawCognito raw, string pool, string client, string secret, string username, CancellationToken ct)
    {
        var access = (await SignInAsync(raw, client, secret, username, ct)).Access;
        var totp = Ok(await raw.IdpAsync("AssociateSoftwareToken", Json(new { AccessToken = access }), ct)).GetProperty("SecretCode").GetString()!;
        Ok(await raw.IdpAsync("VerifySoftwareToken", Json(new { AccessToken = access, UserCode = TestTotp.Now(totp) }), ct));
        Ok(await raw.IdpAsync("AdminSetUserMFAPreference", Json(new { UserPoolId = pool, Username = username, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } }), ct));
        return totp;
    }

    /// <summary>aws-jwt-verify takes the access token with either node's JWKS and the ID token with B's.</summary>
    private static async Task VerifyOldTokensAsync(NinshoProcess a, NinshoProcess b, string pool, string client, Tokens tokens, CancellationToken ct)
    {
        _ = await NodeTokenVerifier.VerifyWithIssuerAsync($"{Issuer}/{pool}", NodeTokenVerifier.JwksUrl(a.BaseUrl, pool), tokens.Access, "access", client, ct);
        _ = await NodeTokenVerifier.VerifyWithIssuerAsync($"{Issuer}/{pool}", NodeTokenVerifier.JwksUrl(b.BaseUrl, pool), tokens.Access, "access", client, ct);
        _ = await NodeTokenVerifier.VerifyWithIssuerAsync($"{Issuer}/{pool}", NodeTokenVerifier.JwksUrl(b.BaseUrl, pool), tokens.Id, "id", client, ct);
    }

    private static async Task<string[]> JwksKidsAsync(NinshoProcess node, string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(NodeTokenVerifier.JwksUrl(node.BaseUrl, pool)), ct));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private static async Task<JsonElement> OperatorAsync(NinshoProcess node, string path, CancellationToken ct)
    {
        var (status, body) = await PostAsync(node, path, ct);
        Assert.True(status == 200, $"POST {path}: {status} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    private static async Task<(int Status, string Body)> PostAsync(NinshoProcess node, string path, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(node.BaseUrl + path), content: null, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms for at most 15 s (the nodes reread keys every second).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), failure);
            await Task.Delay(100, ct);
        }
    }

    private static async Task<string> KeysAsync(CancellationToken ct, params string[] args)
    {
        var result = await RunKeysAsync(ct, args);
        Assert.True(result.ExitCode == 0, $"ninsho keys {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    private static Task<ChildProcessResult> RunKeysAsync(CancellationToken ct, params string[] args) =>
        ChildProcess.RunAsync(RepoPaths.ServerProgram,
            RepoPaths.ServerArguments(["keys", .. args]),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_DATA_DIR"] = null, ["NINSHO_POSTGRES"] = null },
            TimeSpan.FromSeconds(60), null, ct);

    private static string Kid(string token) => Jwt.Header(token).GetProperty("kid").GetString()!;

    private static string SecretHash(string secret, string username, string client) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username + client)));

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static JsonElement Ok(RawResponse response)
    {
        Assert.True(response.StatusCode == 200, response.Describe());
        return response.Json?.RootElement.Clone() ?? default;
    }
}
