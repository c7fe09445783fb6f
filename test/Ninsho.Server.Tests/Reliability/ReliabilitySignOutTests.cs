using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Ninsho.Server.Tests.InProcess;

namespace Ninsho.Server.Tests.Reliability;

/// <summary>Sign-ins, refreshes and global sign-outs racing each other never resurrect a revoked token: once a
/// sign-out is acknowledged, every access token and refresh token whose sign-in had been answered before the
/// sign-out was sent is refused. Bounded by counts, not by time; no timing asserts.</summary>
public sealed class ReliabilitySignOutTests
{
    private const int Users = 3;
    private const int SignInTasksPerUser = 4;
    private const int SignInsBeforeSignOut = 6;
    private const string Password = "Race-pw-1!";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Concurrent_sign_ins_and_global_sign_outs_never_resurrect_a_revoked_token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new InProcessServer();
        await server.InitializeAsync();
        using var raw = new RawCognito(server.BaseUrl.ToString());
        var (poolId, clientId) = await WireUsers.CreatePoolAndClientAsync(raw, ct);
        var usernames = Enumerable.Range(0, Users).Select(i => string.Create(CultureInfo.InvariantCulture, $"racer{i}")).ToArray();
        foreach (var username in usernames)
        {
            await WireUsers.CreateUserAsync(raw, poolId, username, Password, ct);
        }

        // All users race at once, each against its own sign-outs.
        var rounds = await Task.WhenAll(usernames.Select(u => RaceAsync(raw, poolId, clientId, u, ct)));

        foreach (var (username, before, after) in rounds)
        {
            Assert.True(before.Count >= SignInsBeforeSignOut, $"{username}: only {before.Count} sign-ins before the sign-out");
            foreach (var (access, refresh) in before)
            {
                var getUser = await WireUsers.GetUserAsync(raw, access, ct);
                Assert.True(getUser.ErrorType == "NotAuthorizedException", $"{username}: an access token issued before the sign-out still works: {getUser.Describe()}");
                var refreshed = await WireUsers.RefreshAsync(raw, clientId, refresh, ct);
                Assert.True(refreshed.ErrorType == "NotAuthorizedException", $"{username}: a refresh token issued before the sign-out still works: {refreshed.Describe()}");
            }

            // Sign-ins sent after the sign-out was acknowledged are not affected by it.
            Assert.NotEmpty(after);
            foreach (var (access, refresh) in after)
            {
                Assert.Equal(HttpStatusCode.OK, (await WireUsers.GetUserAsync(raw, access, ct)).Status);
                var refreshed = WireUsers.Ok(await WireUsers.RefreshAsync(raw, clientId, refresh, ct));
                Assert.Equal(HttpStatusCode.OK, (await WireUsers.GetUserAsync(raw, refreshed.Prop("AuthenticationResult").Str("AccessToken"), ct)).Status);
            }
        }
    }

    private static async Task<(string Username, List<(string Access, string Refresh)> Before, List<(string Access, string Refresh)> After)> RaceAsync(
        RawCognito raw, string poolId, string clientId, string username, CancellationToken ct)
    {
        var phase = 0; // 0: sign-out not sent yet; 1: sign-out in flight; 2: sign-out acknowledged.
        var before = new ConcurrentBag<(string, string)>();
        var after = new ConcurrentBag<(string, string)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task SignInLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = Volatile.Read(ref phase);
                var response = await WireUsers.SignInAsync(raw, clientId, username, Password, ct);
                var seen = Volatile.Read(ref phase);
                var tokens = WireUsers.Ok(response).Prop("AuthenticationResult");
                var pair = (tokens.Str("AccessToken"), tokens.Str("RefreshToken"));

                // Refresh too, so that refreshes also race the sign-out; their access tokens count with the sign-in's.
                var refreshed = await WireUsers.RefreshAsync(raw, clientId, pair.Item2, ct);
                var seenAfterRefresh = Volatile.Read(ref phase);
                if (seen == 0)
                {
                    before.Add(pair);
                }
                else if (sent == 2)
                {
                    after.Add(pair);
                }

                if (refreshed.Status == HttpStatusCode.OK && seenAfterRefresh == 0)
                {
                    before.Add((refreshed.Json!.RootElement.Prop("AuthenticationResult").Str("AccessToken"), pair.Item2));
                }

                if (sent == 2 && after.Count >= SignInTasksPerUser)
                {
                    await stop.CancelAsync();
                }
            }
        }

        var loops = Enumerable.Range(0, SignInTasksPerUser).Select(_ => Task.Run(SignInLoopAsync, ct)).ToArray();
        while (before.Count < SignInsBeforeSignOut)
        {
            await Task.Delay(10, ct);
        }

        // Several sign-outs at once, racing the sign-ins and each other: one with a token, two admin ones.
        var token = before.First().Item1;
        Volatile.Write(ref phase, 1);
        var signOuts = await Task.WhenAll(
            WireUsers.GlobalSignOutAsync(raw, token, ct),
            raw.IdpAsync("AdminUserGlobalSignOut", WireUsers.Json(new { UserPoolId = poolId, Username = username }), ct),
            raw.IdpAsync("AdminUserGlobalSignOut", WireUsers.Json(new { UserPoolId = poolId, Username = username }), ct));
        Assert.True(signOuts[0].Status == HttpStatusCode.OK || signOuts[0].ErrorType == "NotAuthorizedException", signOuts[0].Describe());
        _ = WireUsers.Ok(signOuts[1]);
        _ = WireUsers.Ok(signOuts[2]);

        // iat has one-second resolution: wait for the next second so that "after" really means after.
        await Task.Delay(1100, ct);
        Volatile.Write(ref phase, 2);
        await Task.WhenAll(loops);
        return (username, [.. before], [.. after]);
    }
}
