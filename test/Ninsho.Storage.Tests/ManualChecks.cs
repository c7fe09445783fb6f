using System.Diagnostics;
using Ninsho.Storage.PostgreSql;
using Ninsho.Storage.Sqlite;

namespace Ninsho.Storage.Tests;

/// <summary>Checks run by hand, not timed assertions:
/// <c>dotnet test --project test/Ninsho.Storage.Tests -c Release --explicit only --filter-class '*ManualChecks' --output detailed</c>.</summary>
public sealed class ManualChecks
{
    private const string Pool = "us-east-1_large";
    private static readonly string[] Names = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task Sqlite_filtered_list_on_200k_users()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ninsho-large-{Guid.NewGuid():N}.db");
        using var storage = new SqliteNinshoStorage(path);
        try
        {
            await MeasureAsync(storage, 200_000);
        }
        finally
        {
            storage.Dispose();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact(Explicit = true)]
    public async Task PostgreSql_filtered_list_on_200k_users()
    {
        var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        try
        {
            Assert.SkipWhen(database.ConnectionString is null, "NINSHO_TEST_PG is not set");
            await using var storage = new PostgreSqlNinshoStorage(database.ConnectionString!);
            await MeasureAsync(storage, 200_000);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact(Explicit = true)]
    public async Task Sqlite_concurrent_writes_with_and_without_the_write_gate()
    {
        foreach (var gated in new[] { true, false, true, false })
        {
            var path = Path.Combine(Path.GetTempPath(), $"ninsho-gate-{Guid.NewGuid():N}.db");
            using var factory = new SqliteConnectionFactory(SqliteConnectionFactory.ConnectionStringForFile(path)) { SerializeWrites = gated };
            using var gatedStorage = new SqliteNinshoStorage(factory);
            await gatedStorage.InitializeAsync(Ct);
            _ = await gatedStorage.UserPools.CreateAsync(NewPool(), [], Ct);

            var latencies = new List<double>();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(
                async () =>
                {
                    for (var i = 0; i < 300; i++)
                    {
                        var one = Stopwatch.StartNew();
                        _ = await gatedStorage.Users.CreateAsync(NewUser($"t{t}-u{i}", t * 1000 + i), Ct);
                        lock (latencies)
                        {
                            latencies.Add(one.Elapsed.TotalMilliseconds);
                        }
                    }
                },
                Ct)));
            watch.Stop();
            latencies.Sort();
            TestContext.Current.TestOutputHelper!.WriteLine(
                $"gate={gated}: 4800 creates from 16 tasks in {watch.ElapsedMilliseconds} ms " +
                $"({4800 / watch.Elapsed.TotalSeconds:F0}/s), p50 {latencies[latencies.Count / 2]:F2} ms, " +
                $"p99 {latencies[latencies.Count * 99 / 100]:F2} ms, max {latencies[^1]:F2} ms");
            gatedStorage.Dispose();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task MeasureAsync(INinshoStorage storage, int users)
    {
        var output = TestContext.Current.TestOutputHelper!;
        await storage.InitializeAsync(Ct);
        _ = await storage.UserPools.CreateAsync(NewPool(), [], Ct);

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(
            async () =>
            {
                for (var i = t; i < users; i += 4)
                {
                    Assert.Equal(CreateResult.Created, await storage.Users.CreateAsync(NewUser($"user{i:D7}", i), Ct));
                }
            },
            Ct)));
        output.WriteLine($"inserted {users} users in {watch.Elapsed.TotalSeconds:F1} s");

        async Task Time(string what, Func<Task<int>> query)
        {
            var count = await query(); // warm up
            const int Runs = 200;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < Runs; i++)
            {
                _ = await query();
            }

            output.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds * 1000 / Runs:F0} µs per call ({count} rows)");
        }

        await Time("equality email, 1 match", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.Email, "user0123457@example.com", false), 60, null, Ct)).Items.Count);
        await Time("equality family_name, 20,000 matches, first page of 60", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.FamilyName, "Carol", false), 60, null, Ct)).Items.Count);
        await Time("equality family_name, page after user0150000", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.FamilyName, "Carol", false), 60, "user0150000", Ct)).Items.Count);
        await Time("prefix email 'user01234', 100 matches", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.Email, "user01234", true), 60, null, Ct)).Items.Count);
        await Time("prefix email 'user0123', 1,000 matches", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.Email, "user0123", true), 60, null, Ct)).Items.Count);
        await Time("prefix given_name 'Gr', 20,000 matches (broad)", async () =>
            (await storage.Users.ListAsync(Pool, new UserFilter(SearchableAttributes.GivenName, "Gr", true), 60, null, Ct)).Items.Count);
        await Time("find by attribute email", async () =>
            (await storage.Users.FindByAttributeAsync(Pool, SearchableAttributes.Email, "user0199999@example.com", 2, Ct)).Count);
        await Time("no filter, page after user0100000", async () =>
            (await storage.Users.ListAsync(Pool, null, 60, "user0100000", Ct)).Items.Count);
    }

    private static StoredUserPool NewPool() => new()
    {
        Id = Pool,
        Name = "large",
        CreatedAt = DateTimeOffset.UnixEpoch,
        ModifiedAt = DateTimeOffset.UnixEpoch,
        ConfigJson = "{}",
    };

    private static StoredUser NewUser(string key, int i)
    {
        var sub = Guid.NewGuid().ToString();
        return new StoredUser
        {
            UserPoolId = Pool,
            Username = key,
            UsernameKey = key,
            Sub = sub,
            Status = "CONFIRMED",
            Enabled = true,
            CreatedAt = DateTimeOffset.UnixEpoch,
            ModifiedAt = DateTimeOffset.UnixEpoch,
            Attributes = new Dictionary<string, string>
            {
                ["sub"] = sub,
                ["email"] = $"{key}@example.com",
                ["email_verified"] = "true",
                ["given_name"] = Names[i % Names.Length],
                ["family_name"] = Names[(i / 10) % Names.Length],
                ["phone_number"] = $"+1555{i:D7}",
            },
        };
    }
}
