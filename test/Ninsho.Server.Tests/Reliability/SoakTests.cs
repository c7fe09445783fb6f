using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests.Reliability;

/// <summary>
/// A bounded soak: a mixed load (reads, sign-ins, refreshes, token reads, attribute updates, listings and new
/// users, so the directory keeps growing) from several tasks against one server for
/// <c>NINSHO_SOAK_SECONDS</c> (default 20; CI may raise it to a few minutes). Every answer must be a 200, and
/// the server's resident memory at the end must stay within a bound of what it was after the warm-up: a cache
/// or buffer that grows with requests or users fails it. No timing asserts.
/// </summary>
public sealed class SoakTests
{
    private const int Tasks = 8;
    private const int SeedUsers = 40;

    /// <summary>Allowed RSS growth between the end of the warm-up and the end of the soak: 25 % plus 24 MiB of
    /// slack for the GC's heap sizing and SQLite's page caches filling up (both bounded).</summary>
    private const double GrowthFactor = 1.25;
    private const long SlackKib = 24 * 1024;

    [Fact(Timeout = SoakTimeoutMs)]
    public async Task Answers_a_mixed_load_without_errors_and_with_flat_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("NINSHO_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;
        await using var server = await NinshoProcess.StartAsync(["--insecure-fast-password-hash"], ct);
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await WireUsers.CreatePoolAndClientAsync(raw, ct);
        for (var i = 0; i < SeedUsers; i++)
        {
            await WireUsers.CreateUserAsync(raw, poolId, Name(i), Password(i), ct);
        }

        var load = new SoakLoad(raw, poolId, clientId, SeedUsers);
        var warmUp = TimeSpan.FromSeconds(Math.Max(5, seconds / 4));
        await load.RunAsync(Tasks, warmUp, ct);
        var afterWarmUp = RssKib(server);
        var before = load.Requests;
        await load.RunAsync(Tasks, TimeSpan.FromSeconds(seconds) - warmUp, ct);
        var atEnd = RssKib(server);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"soak: {load.Requests} requests in {seconds} s, {load.Users} users; RSS {afterWarmUp / 1024} MiB after the warm-up, {atEnd / 1024} MiB at the end");

        Assert.True(load.Errors.IsEmpty, $"{load.Errors.Count} failed requests, e.g. {string.Join("\n", load.Errors.Take(3))}");
        Assert.True(load.Requests - before > 100, $"only {load.Requests - before} requests after the warm-up");
        Assert.True(
            atEnd <= (afterWarmUp * GrowthFactor) + SlackKib,
            $"RSS grew from {afterWarmUp / 1024} MiB after the warm-up to {atEnd / 1024} MiB after {load.Requests} requests and {load.Users} users");
    }

    internal static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"soak{i:00000}");

    internal static string Password(int i) => string.Create(CultureInfo.InvariantCulture, $"Soak-{i}-pW1!");

    private static long RssKib(NinshoProcess server)
    {
        var pid = server.ProcessId ?? throw new InvalidOperationException($"the server exited:\n{server.RecentOutput}");
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The operations of the soak, each checked for a 200.</summary>
    private sealed class SoakLoad(RawCognito raw, string poolId, string clientId, int seedUsers)
    {
        private int _users = seedUsers;
        private long _requests;

        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public long Requests => Interlocked.Read(ref _requests);

        public int Users => Volatile.Read(ref _users);

        public async Task RunAsync(int tasks, TimeSpan duration, CancellationToken ct)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(duration);
            await Task.WhenAll(Enumerable.Range(0, tasks).Select(seed => Task.Run(() => LoopAsync(new Random(seed), stop.Token), ct)));
        }

        private async Task LoopAsync(Random random, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested && Errors.Count < 10)
            {
                var i = random.Next(SeedUsers);
                var signIn = await CallAsync(() => WireUsers.SignInAsync(raw, clientId, Name(i), Password(i), CancellationToken.None));
                var result = signIn?.RootElement.GetProperty("AuthenticationResult");
                if (result is not { } tokens)
                {
                    continue;
                }

                var access = tokens.GetProperty("AccessToken").GetString()!;
                var refresh = tokens.GetProperty("RefreshToken").GetString()!;
                for (var round = 0; round < 4 && !stop.IsCancellationRequested; round++)
                {
                    _ = await CallAsync(() => WireUsers.GetUserAsync(raw, access, CancellationToken.None));
                    _ = await CallAsync(() => raw.IdpAsync("AdminGetUser", WireUsers.Json(new { UserPoolId = poolId, Username = Name(random.Next(SeedUsers)) }), CancellationToken.None));
                }

                _ = await CallAsync(() => WireUsers.RefreshAsync(raw, clientId, refresh, CancellationToken.None));
                _ = await CallAsync(() => raw.IdpAsync("AdminUpdateUserAttributes", WireUsers.Json(new
                {
                    UserPoolId = poolId,
                    Username = Name(i),
                    UserAttributes = new[] { new { Name = "name", Value = string.Create(CultureInfo.InvariantCulture, $"n{random.Next()}") } },
                }), CancellationToken.None));
                _ = await CallAsync(() => raw.IdpAsync("ListUsers", WireUsers.Json(new { UserPoolId = poolId, Limit = 10 }), CancellationToken.None));

                // A new user per round: the directory grows for the whole soak.
                var next = Interlocked.Increment(ref _users) - 1;
                _ = await CallAsync(() => WireUsers.AdminCreateUserAsync(raw, poolId, Name(next), CancellationToken.None));
            }
        }

        private async Task<JsonDocument?> CallAsync(Func<Task<RawResponse>> call)
        {
            _ = Interlocked.Increment(ref _requests);
            var response = await call();
            if (response.Status == HttpStatusCode.OK)
            {
                return response.Json;
            }

            Errors.Enqueue(response.Describe());
            return null;
        }
    }
}
