using System.Globalization;
using Microsoft.Data.Sqlite;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests;

/// <summary>Data safety of the real server process on SQLite: it refuses a database written by a newer build, and
/// <c>ninsho import</c> writes all of a backup or nothing of it.</summary>
public sealed class DataSafetyTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Serve_refuses_a_database_whose_schema_is_newer_than_the_build()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var poolId = await new AwsCli(server.BaseUrl).CreatePoolAsync("kept", ct);
        server.Kill();
        var database = Path.Combine(server.DataDir, "ninsho.db");
        var newest = await ScalarAsync(database, "SELECT max(version) FROM schema_version");
        _ = await ScalarAsync(database, "INSERT INTO schema_version (version, name) VALUES (9999, 'from_the_future'); SELECT 1");

        var refused = await RunAsync(ct, "serve", "--port", "0", "--data-dir", server.DataDir);

        Assert.Equal(1, refused.ExitCode);
        var output = refused.Stdout + refused.Stderr;
        Assert.Contains("crit: ", output, StringComparison.Ordinal);
        Assert.Contains("schema is at version 9999 (from_the_future)", output, StringComparison.Ordinal);
        Assert.Contains($"knows versions up to {newest}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(NinshoProcess.ListeningPrefix, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        // The other commands that open the database refuse it the same way: one line, exit code 1, no stack trace.
        foreach (var command in new[] { "outbox", "export" })
        {
            string[] args = command == "export"
                ? ["export", "--data-dir", server.DataDir, "--out", Path.Combine(server.DataDir, "..", "refused.jsonl")]
                : ["outbox", "--data-dir", server.DataDir];
            var other = await RunAsync(ct, args);
            Assert.Equal(1, other.ExitCode);
            Assert.Equal($"{command} failed: ", other.Stderr[..(command.Length + 9)]);
            Assert.Contains("schema is at version 9999 (from_the_future)", other.Stderr, StringComparison.Ordinal);
            Assert.Single(other.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        // Untouched: the pool is still there and the future migration still recorded.
        Assert.Equal(1, await ScalarAsync(database, $"SELECT count(*) FROM user_pools WHERE pool_id = '{poolId}'"));
        Assert.Equal(1, await ScalarAsync(database, "SELECT count(*) FROM schema_version WHERE version = 9999"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Import_of_a_backup_that_fails_near_its_end_leaves_nothing_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await NinshoProcess.StartAsync(ct);
        var cli = new AwsCli(source.BaseUrl);
        var poolId = await cli.CreatePoolAsync("moved", ct);
        _ = await cli.CreateUserAsync(poolId, "alice", ct);
        _ = await cli.CreateUserAsync(poolId, "bob", ct);
        _ = (await cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins")).Ok();
        (await cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", "admins")).OkEmpty();
        _ = await cli.CreatePoolAsync("second", ct);
        var file = Path.Combine(source.DataDir, "..", "backup.jsonl");
        var exported = await RunAsync(ct, "export", "--data-dir", source.DataDir, "--out", file);
        Assert.True(exported.ExitCode == 0, exported.Stderr);
        var lines = await File.ReadAllLinesAsync(file, ct);
        var target = Path.Combine(source.DataDir, "..", "target");

        // A line the file cannot hold, just before the end line.
        var badLine = lines.Length - 1;
        var broken = Path.Combine(source.DataDir, "..", "broken.jsonl");
        await File.WriteAllLinesAsync(broken, [.. lines[..^1], """{"Type":"bogus"}""", lines[^1]], ct);
        var refused = await RunAsync(ct, "import", "--data-dir", target, "--in", broken);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"line {badLine + 1}", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        await AssertEmptyAsync(Path.Combine(target, "ninsho.db"));

        // A line that reads well but cannot be written (a member whose user is not in the file), near the end.
        var member = Array.FindLastIndex(lines, l => l.Contains("\"Type\":\"member\"", StringComparison.Ordinal));
        Assert.True(member > 0);
        lines[member] = lines[member].Replace("alice", "nobody", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(broken, lines, ct);
        refused = await RunAsync(ct, "import", "--data-dir", target, "--in", broken);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"line {member + 1}", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        await AssertEmptyAsync(Path.Combine(target, "ninsho.db"));

        // The good file still goes in whole afterwards.
        var imported = await RunAsync(ct, "import", "--data-dir", target, "--in", file);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Equal(2, await ScalarAsync(Path.Combine(target, "ninsho.db"), "SELECT count(*) FROM user_pools"));
        Assert.Equal(2, await ScalarAsync(Path.Combine(target, "ninsho.db"), "SELECT count(*) FROM users"));
    }

    /// <summary>An export taken while a writer adds users to a group is one snapshot: every member line names a user the
    /// export holds. Between the users and the member lines the export reads each user's devices, links and passkeys, so
    /// with 400 users a table-by-table read leaves a window of over a thousand queries for the writer's new pairs.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Export_of_a_live_server_is_one_consistent_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        await AssertExportIsOneSnapshotAsync(server, ["--data-dir", server.DataDir], ct);
    }

    /// <summary>The same on PostgreSQL, where the export reads everything in one read-only transaction. Skipped
    /// locally without <c>NINSHO_TEST_PG</c>; on CI (<c>CI=true</c>) a missing database fails.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Export_of_a_live_postgresql_server_is_one_consistent_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var postgres = database.ConnectionStringOrSkip();

        await using var server = await NinshoProcess.StartAsync(ct, "--postgres", postgres);
        await AssertExportIsOneSnapshotAsync(server, ["--postgres", postgres], ct);
    }

    /// <summary>Fills <paramref name="server"/> with 400 users in one group, then exports it (from
    /// <paramref name="backend"/>) while a writer keeps adding user-and-membership pairs, and checks the file.</summary>
    private static async Task AssertExportIsOneSnapshotAsync(NinshoProcess server, string[] backend, CancellationToken ct)
    {
        var poolId = await new AwsCli(server.BaseUrl).CreatePoolAsync("live", ct);
        using var raw = new RawCognito(server.BaseUrl);
        Ok(await raw.IdpAsync("CreateGroup", $$"""{"UserPoolId":"{{poolId}}","GroupName":"team"}""", ct));
        async Task AddAsync(int i)
        {
            Ok(await raw.IdpAsync("AdminCreateUser", $$"""{"UserPoolId":"{{poolId}}","Username":"u{{i:D5}}","MessageAction":"SUPPRESS"}""", ct));
            Ok(await raw.IdpAsync("AdminAddUserToGroup", $$"""{"UserPoolId":"{{poolId}}","Username":"u{{i:D5}}","GroupName":"team"}""", ct));
        }

        for (var i = 0; i < 400; i++)
        {
            await AddAsync(i);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(async () =>
        {
            var i = 400;
            while (!stop.IsCancellationRequested)
            {
                await AddAsync(i++);
            }

            return i - 400;
        }, ct);
        var file = Path.Combine(server.DataDir, "..", "live.jsonl");
        var exported = await RunAsync(ct, ["export", .. backend, "--out", file]);
        await stop.CancelAsync();
        var added = await writer;
        Assert.True(exported.ExitCode == 0, exported.Stderr);
        Assert.True(added > 0, "The writer added nothing during the export.");

        var users = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<string>();
        foreach (var text in await File.ReadAllLinesAsync(file, ct))
        {
            using var line = System.Text.Json.JsonDocument.Parse(text);
            switch (line.RootElement.GetProperty("Type").GetString())
            {
                case "user":
                    _ = users.Add(line.RootElement.GetProperty("User").GetProperty("UsernameKey").GetString()!);
                    break;
                case "member":
                    members.Add(line.RootElement.GetProperty("UsernameKey").GetString()!);
                    break;
            }
        }

        Assert.True(users.Count >= 400);
        Assert.DoesNotContain(members, m => !users.Contains(m));
        // Only the pair being written at the snapshot may be half there (its user without its membership yet).
        Assert.InRange(members.Count, users.Count - 1, users.Count);
    }

    private static void Ok(RawResponse response) => Assert.True(response.StatusCode == 200, response.Body);

    private static async Task AssertEmptyAsync(string database)
    {
        Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM user_pools"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM users"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM secrets"));
    }

    internal static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    internal static Task<ChildProcessResult> RunAsync(CancellationToken ct, params string[] args) =>
        ChildProcess.RunAsync(RepoPaths.ServerProgram,
            RepoPaths.ServerArguments(args),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_DATA_DIR"] = null, ["NINSHO_POSTGRES"] = null, ["NINSHO_PORT"] = null },
            TimeSpan.FromSeconds(30), null, ct);
}
