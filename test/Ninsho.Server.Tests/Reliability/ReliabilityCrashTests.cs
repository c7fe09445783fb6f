using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests.Reliability;

/// <summary>
/// <c>kill -9</c> in the middle of a concurrent write load (AdminCreateUser + AdminSetUserPassword from several
/// tasks, and sign-ins of the users already written, each of which stores a refresh token): after a restart on
/// the same data, every acknowledged write is there, every refresh token handed out still refreshes, and nothing
/// half-written is visible. Bounded by counts, not by time; no timing asserts.
/// </summary>
public sealed class ReliabilityCrashTests
{
    private const int Writers = 6;
    private const int AcknowledgedBeforeKill = 60;
    private const int SignInTasks = 2;
    private const int SignInsBeforeKill = 20;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Keeps_every_acknowledged_user_and_password_when_killed_during_a_write_load()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(["--insecure-fast-password-hash"], ct);
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await WireUsers.CreatePoolAndClientAsync(raw, ct);

        var attempted = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // username → password
        var created = new ConcurrentBag<string>();
        var passwordSet = new ConcurrentBag<string>();
        var next = 0;
        using var killed = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task WriteLoopAsync()
        {
            while (!killed.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var username = string.Create(CultureInfo.InvariantCulture, $"crash{i:0000}");
                var password = string.Create(CultureInfo.InvariantCulture, $"Crash-{i}-pW!");
                attempted[username] = password;
                try
                {
                    if ((await WireUsers.AdminCreateUserAsync(raw, poolId, username, killed.Token)).Status != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    created.Add(username);
                    if ((await WireUsers.AdminSetUserPasswordAsync(raw, poolId, username, password, killed.Token)).Status == HttpStatusCode.OK)
                    {
                        passwordSet.Add(username);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // The server died under this call: it was not acknowledged.
                    return;
                }
            }
        }

        var refreshTokens = new ConcurrentBag<string>();
        async Task SignInLoopAsync(int seed)
        {
            var random = new Random(seed);
            while (!killed.IsCancellationRequested)
            {
                var ready = passwordSet.ToArray();
                if (ready.Length == 0)
                {
                    await Task.Delay(5, CancellationToken.None);
                    continue;
                }

                var username = ready[random.Next(ready.Length)];
                try
                {
                    var signIn = await WireUsers.SignInAsync(raw, clientId, username, attempted[username], killed.Token);
                    if (signIn.Status == HttpStatusCode.OK)
                    {
                        refreshTokens.Add(signIn.Json!.RootElement.GetProperty("AuthenticationResult").GetProperty("RefreshToken").GetString()!);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    return;
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync, ct))
            .Concat(Enumerable.Range(0, SignInTasks).Select(seed => Task.Run(() => SignInLoopAsync(seed), ct)))
            .ToArray();
        while ((passwordSet.Count < AcknowledgedBeforeKill || refreshTokens.Count < SignInsBeforeKill) && writers.Any(w => !w.IsCompleted))
        {
            await Task.Delay(5, ct);
        }

        Assert.True(passwordSet.Count >= AcknowledgedBeforeKill, $"the write load stopped early; server output:\n{server.RecentOutput}");
        Assert.True(refreshTokens.Count >= SignInsBeforeKill, $"the sign-in load stopped early; server output:\n{server.RecentOutput}");
        server.Kill();
        await killed.CancelAsync();
        await Task.WhenAll(writers);

        await server.RestartAsync(ct);

        // Every acknowledged user is there; every acknowledged password signs in.
        foreach (var username in created)
        {
            var user = WireUsers.Ok(await raw.IdpAsync("AdminGetUser", WireUsers.Json(new { UserPoolId = poolId, Username = username }), ct));
            Assert.Equal(username, user.Str("Username"));
        }

        foreach (var username in passwordSet)
        {
            _ = WireUsers.Ok(await WireUsers.SignInAsync(raw, clientId, username, attempted[username], ct));
        }

        // Every acknowledged sign-in's refresh token was stored durably: it refreshes after the crash.
        foreach (var refreshToken in refreshTokens)
        {
            var refreshed = WireUsers.Ok(await WireUsers.RefreshAsync(raw, clientId, refreshToken, ct));
            Assert.False(string.IsNullOrEmpty(refreshed.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()));
        }

        // Nothing half-written: every listed user is one that was attempted, reads back whole (sub, status), and a
        // CONFIRMED one has exactly the password that was being set.
        var listed = await ListAllUsernamesAsync(raw, poolId, ct);
        Assert.Subset(listed, created.ToHashSet(StringComparer.Ordinal));
        foreach (var username in listed)
        {
            Assert.True(attempted.ContainsKey(username), $"{username} was never written");
            var user = WireUsers.Ok(await raw.IdpAsync("AdminGetUser", WireUsers.Json(new { UserPoolId = poolId, Username = username }), ct));
            Assert.Contains(user.Attributes("UserAttributes"), a => a.Key == "sub" && Guid.TryParse(a.Value, out _));
            var status = user.Str("UserStatus");
            Assert.Contains(status, new[] { "FORCE_CHANGE_PASSWORD", "CONFIRMED" });
            if (status == "CONFIRMED")
            {
                _ = WireUsers.Ok(await WireUsers.SignInAsync(raw, clientId, username, attempted[username], ct));
            }
        }

        // Attempted users that are not listed are not readable either.
        foreach (var username in attempted.Keys.Except(listed, StringComparer.Ordinal))
        {
            var missing = await raw.IdpAsync("AdminGetUser", WireUsers.Json(new { UserPoolId = poolId, Username = username }), ct);
            Assert.True(missing.ErrorType == "UserNotFoundException", missing.Describe());
        }
    }

    private static async Task<HashSet<string>> ListAllUsernamesAsync(RawCognito raw, string poolId, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = WireUsers.Ok(await raw.IdpAsync("ListUsers", token is null
                ? WireUsers.Json(new { UserPoolId = poolId, Limit = 60 })
                : WireUsers.Json(new { UserPoolId = poolId, Limit = 60, PaginationToken = token }), ct));
            foreach (var user in page.Items("Users"))
            {
                Assert.True(names.Add(user.Str("Username")), "a user listed twice");
            }

            token = page.TryGetProperty("PaginationToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        while (token is not null);

        return names;
    }
}
