using System.Globalization;
using System.Net;

namespace Ninsho.Server.Tests;

/// <summary>
/// What a client was told is stored survives a crash: the server is killed with SIGKILL (no graceful shutdown)
/// and restarted on the same data directory. Uses its own server process, never the shared fixtures.
/// </summary>
public sealed class DurabilityTests
{
    private const int UserCount = 20;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_pool_users_and_signing_keys_when_killed_and_restarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var cli = new AwsCli(server.BaseUrl);

        var poolId = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "durable")).Ok().Prop("UserPool").Str("Id");
        var subs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < UserCount; i++)
        {
            var username = string.Create(CultureInfo.InvariantCulture, $"user{i:00}");
            var user = (await cli.CognitoIdpAsync(ct,
                "admin-create-user", "--user-pool-id", poolId, "--username", username,
                "--user-attributes", $"Name=email,Value={username}@example.com",
                "--message-action", "SUPPRESS")).Ok().Prop("User");
            subs[username] = user.Attributes("Attributes")[0].Value;
        }

        var kidsBefore = await JwksKidsAsync(server, poolId, ct);
        Assert.NotEmpty(kidsBefore);

        var pid = server.ProcessId;
        server.Kill();
        await server.RestartAsync(ct);
        Assert.NotEqual(pid, server.ProcessId);

        var pool = (await cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", poolId)).Ok().Prop("UserPool");
        Assert.Equal("durable", pool.Str("Name"));

        var users = (await cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId)).Ok().Items("Users");
        Assert.Equal(
            subs.OrderBy(u => u.Key, StringComparer.Ordinal),
            users.Select(u => KeyValuePair.Create(u.Str("Username"), u.Attributes("Attributes")[0].Value))
                .OrderBy(u => u.Key, StringComparer.Ordinal));
        foreach (var user in users)
        {
            Assert.Equal("FORCE_CHANGE_PASSWORD", user.Str("UserStatus"));
            Assert.Contains(KeyValuePair.Create("email", user.Str("Username") + "@example.com"), user.Attributes("Attributes"));
        }

        Assert.Equal(kidsBefore, await JwksKidsAsync(server, poolId, ct));
    }

    private static async Task<IReadOnlyList<string>> JwksKidsAsync(NinshoProcess server, string poolId, CancellationToken ct)
    {
        using var raw = new RawCognito(server.BaseUrl);
        var jwks = await raw.GetAsync($"/{poolId}/.well-known/jwks.json", ct);
        Assert.True(jwks.Status == HttpStatusCode.OK, jwks.Describe());
        return [.. jwks.Json!.RootElement.Items("keys").Select(k => k.Str("kid")).Order(StringComparer.Ordinal)];
    }
}
