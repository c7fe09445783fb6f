using Microsoft.Data.Sqlite;
using Ninsho.Storage.Sqlite;

namespace Ninsho.Storage.Tests;

/// <summary>The contract on SQLite: every test gets its own temporary database file, deleted afterwards.</summary>
public sealed class SqliteStorageContractTests : StorageContractTests
{
    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(Path.Combine(Path.GetTempPath(), $"ninsho-test-{Guid.NewGuid():N}.db"));

    protected override INinshoStorage CreateStorage(string database) => new SqliteNinshoStorage(database);

    protected override ValueTask CloseStorageAsync(INinshoStorage storage)
    {
        ((SqliteNinshoStorage)storage).Dispose();
        return ValueTask.CompletedTask;
    }

    protected override Task DeleteDatabaseAsync(string database)
    {
        using (var factory = SqliteConnectionFactory.ForFile(database))
        {
            factory.ClearPool();
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }

        return Task.CompletedTask;
    }

    protected override async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = await OpenConnectionAsync(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Sqlite_a_users_groups_read_runs_its_prepared_statement_without_planning_it_again()
    {
        // Every sign-in and refresh reads the user's groups. SQLite re-plans a statement whose LIMIT is a bound
        // parameter each time that parameter is bound again (SQLITE_STMTSTATUS_REPREPARE counts it), which cost a
        // sign-in ~9 % of its CPU; the take is written into the text instead (SqliteDialect.Page).
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        _ = await CreateGroupAsync(poolId, "admins");
        Assert.True(await Storage.Groups.AddMemberAsync(poolId, "admins", alice.UsernameKey, Ct));

        // The kept connection the reads will rent (the idle ones are a stack): SQLitePCL lists a connection's
        // statements only once asked to track them.
        var factory = ((SqliteNinshoStorage)Storage).Factory;
        using (var kept = await factory.OpenPreparedAsync(Ct))
        {
            kept.Connection.Handle!.enable_sqlite3_next_stmt(true);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("admins", Assert.Single((await Storage.Groups.ListForUserAsync(poolId, alice.UsernameKey, 25, null, Ct)).Items).GroupName);
        }

        const int StatusReprepare = 5, StatusRun = 6; // sqlite3.h's SQLITE_STMTSTATUS_REPREPARE and _RUN

        using var lease = await factory.OpenPreparedAsync(Ct);
        var statements = new List<(string Sql, int Runs, int Replans)>();
        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(lease.Connection.Handle, null); statement is not null;
             statement = SQLitePCL.raw.sqlite3_next_stmt(lease.Connection.Handle, statement))
        {
            statements.Add((SQLitePCL.raw.sqlite3_sql(statement).utf8_to_string(),
                SQLitePCL.raw.sqlite3_stmt_status(statement, StatusRun, 0),
                SQLitePCL.raw.sqlite3_stmt_status(statement, StatusReprepare, 0)));
        }

        var groups = Assert.Single(statements, s => s.Sql.Contains("FROM group_members", StringComparison.Ordinal));
        Assert.Equal(5, groups.Runs);
        Assert.Equal(0, groups.Replans);
    }

    [Fact]
    public async Task Sqlite_a_kept_command_refuses_to_change_its_sql()
    {
        // A kept command is found again by its SQL: were its text rewritten for one call (a LIMIT written in), the
        // next call with the same key but another limit would silently run the first call's statement.
        using var lease = await ((SqliteNinshoStorage)Storage).Factory.OpenPreparedAsync(Ct);
        var command = lease.Command("SELECT 1 LIMIT @take;");
        command.CommandText = "SELECT 1 LIMIT @take;";
        _ = Assert.Throws<InvalidOperationException>(() => SqliteDialect.Take(command, 3));
        Assert.Equal("SELECT 1 LIMIT @take;", lease.Command("SELECT 1 LIMIT @take;").CommandText);
    }

    [Fact]
    public async Task Sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout()
    {
        await using var connection = await OpenConnectionAsync(Database);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
        Assert.Equal("1", await PragmaAsync(connection, "synchronous")); // NORMAL
        Assert.Equal($"{SqliteConnectionFactory.BusyTimeoutMilliseconds}", await PragmaAsync(connection, "busy_timeout"));
    }

    [Fact]
    public async Task Sqlite_a_new_file_gets_the_schema_a_file_migrated_in_place_gets()
    {
        // A missing file is built aside and moved in whole (SqliteMigrator.CreateAsync); an existing one, here empty,
        // is migrated in place. Both must end the same, in WAL mode, with nothing left beside them.
        var folder = Directory.CreateTempSubdirectory("ninsho-test-").FullName;
        try
        {
            var created = Path.Combine(folder, "created.db");
            var migrated = Path.Combine(folder, "migrated.db");
            await File.WriteAllBytesAsync(migrated, [], Ct);
            foreach (var path in new[] { created, migrated })
            {
                using var storage = new SqliteNinshoStorage(path);
                await storage.InitializeAsync(Ct);
                await storage.InitializeAsync(Ct);
            }

            Assert.Equal(await DescribeAsync(migrated), await DescribeAsync(created));
            Assert.Contains("journal_mode=wal", await DescribeAsync(created), StringComparison.Ordinal);
            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.Contains(".creating", StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        static async Task<string> DescribeAsync(string path)
        {
            await using var connection = await OpenConnectionAsync(path);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master"
                + " UNION ALL SELECT 'version ' || version || ' ' || name FROM schema_version"
                + " UNION ALL SELECT 'journal_mode=' || journal_mode FROM pragma_journal_mode"
                + " UNION ALL SELECT 'page_size=' || page_size FROM pragma_page_size"
                + " UNION ALL SELECT 'auto_vacuum=' || auto_vacuum FROM pragma_auto_vacuum"
                + " UNION ALL SELECT 'user_version=' || user_version FROM pragma_user_version"
                + " UNION ALL SELECT 'encoding=' || encoding FROM pragma_encoding ORDER BY 1;";
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join('\n', lines);
        }
    }

    [Fact]
    public async Task Sqlite_creating_a_new_file_deletes_what_an_abandoned_creation_left_and_keeps_a_recent_one()
    {
        var folder = Directory.CreateTempSubdirectory("ninsho-test-").FullName;
        try
        {
            var database = Path.Combine(folder, "ninsho.db");
            var abandoned = database + ".0123456789abcdef0123456789abcdef.creating";
            var recent = database + ".fedcba9876543210fedcba9876543210.creating";
            await File.WriteAllBytesAsync(abandoned, [1, 2, 3], Ct);
            await File.WriteAllBytesAsync(abandoned + "-journal", [1], Ct);
            await File.WriteAllBytesAsync(recent, [1, 2, 3], Ct);
            File.SetLastWriteTimeUtc(abandoned, TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2));
            File.SetLastWriteTimeUtc(abandoned + "-journal", TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2));

            using (var storage = new SqliteNinshoStorage(database))
            {
                await storage.InitializeAsync(Ct);
            }

            Assert.False(File.Exists(abandoned));
            Assert.False(File.Exists(abandoned + "-journal"));
            Assert.True(File.Exists(recent)); // perhaps another process's creation under way
            Assert.True(File.Exists(database));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sqlite_synchronous_full_reaches_every_connection()
    {
        using var factory = SqliteConnectionFactory.ForFile(Database, SqliteSynchronous.Full);
        await using var first = await factory.OpenAsync(Ct);
        await using var second = await factory.OpenAsync(Ct);

        Assert.Equal("2", await PragmaAsync(first, "synchronous")); // FULL
        Assert.Equal("2", await PragmaAsync(second, "synchronous"));
    }

    [Theory]
    [InlineData(SearchableAttributes.Email, "alice@example.com", false, null)]
    [InlineData(SearchableAttributes.Email, "alice@example.com", false, "k1")]
    [InlineData(SearchableAttributes.Email, "ali", true, null)]
    [InlineData(SearchableAttributes.Name, "Al", true, "k1")]
    [InlineData(SearchableAttributes.Username, "", true, null)]
    public async Task Sqlite_filtered_list_reads_matches_from_the_search_primary_key(string attribute, string value, bool prefix, string? after)
    {
        var plan = await PlanAsync(new UserFilter(attribute, value, prefix), after, walkKeyOrder: false);

        Assert.Contains(plan, step => step.StartsWith("SEARCH s USING PRIMARY KEY (pool_id=? AND attr=? AND value", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH u USING INDEX sqlite_autoindex_users_1 (pool_id=? AND username_key=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SearchableAttributes.Email, "ali", true, null)]
    [InlineData(SearchableAttributes.Name, "", true, "k1")]
    public async Task Sqlite_broad_prefix_walks_the_attribute_in_page_order_without_sorting(string attribute, string value, bool prefix, string? after)
    {
        var plan = await PlanAsync(new UserFilter(attribute, value, prefix), after, walkKeyOrder: true);

        Assert.Contains(plan, step => step.StartsWith("SEARCH s USING COVERING INDEX ix_user_search_key (pool_id=? AND attr=?", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH u USING INDEX sqlite_autoindex_users_1 (pool_id=? AND username_key=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal) || step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sqlite_prefix_plan_follows_the_number_of_matches()
    {
        var poolId = await CreatePoolAsync();
        for (var i = 0; i < 30; i++)
        {
            _ = await CreateUserAsync(poolId, $"user{i:D2}", new Dictionary<string, string> { ["name"] = i < 3 ? $"Rare{i}" : $"Common{i}" });
        }

        await using var connection = await OpenConnectionAsync(Database);
        // limit 2: √(3 · 30) ≈ 9.5, so 3 matches read the primary key and 27 walk in key order.
        Assert.False(await SqliteUserStore.PrefersKeyOrderAsync(connection, poolId, new UserFilter(SearchableAttributes.Name, "Rare", true), 2, Ct));
        Assert.True(await SqliteUserStore.PrefersKeyOrderAsync(connection, poolId, new UserFilter(SearchableAttributes.Name, "Common", true), 2, Ct));
        Assert.False(await SqliteUserStore.PrefersKeyOrderAsync(connection, poolId, new UserFilter(SearchableAttributes.Name, "Common", true), 100, Ct));
        Assert.Equal(30, await Storage.Users.CountAsync(poolId, Ct));
    }

    private async Task<List<string>> PlanAsync(UserFilter filter, string? after, bool walkKeyOrder)
    {
        await using var connection = await OpenConnectionAsync(Database);
        using var list = SqliteUserStore.BuildList(connection, "us-east-1_x", filter, after, walkKeyOrder);
        list.CommandText = "EXPLAIN QUERY PLAN " + list.CommandText;
        _ = list.Parameters.AddWithValue("@take", 61);

        var plan = new List<string>();
        await using var reader = await list.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("k1")]
    public async Task Sqlite_unfiltered_list_reads_the_users_key_index(string? after)
    {
        await using var connection = await OpenConnectionAsync(Database);
        using var list = SqliteUserStore.BuildList(connection, "us-east-1_x", null, after);
        list.CommandText = "EXPLAIN QUERY PLAN " + list.CommandText;
        _ = list.Parameters.AddWithValue("@take", 61);

        var plan = new List<string>();
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH users USING INDEX sqlite_autoindex_users_1 (pool_id=?", step, StringComparison.Ordinal);
    }

    /// <summary>A connection set up as the storage's own (same pragmas).</summary>
    private static async Task<SqliteConnection> OpenConnectionAsync(string database)
    {
        using var factory = SqliteConnectionFactory.ForFile(database);
        return await factory.OpenAsync(Ct);
    }

    private static async Task<string?> PragmaAsync(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
