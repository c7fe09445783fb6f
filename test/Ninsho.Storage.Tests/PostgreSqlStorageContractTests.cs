using System.Globalization;
using Ninsho.Storage.PostgreSql;
using Npgsql;

namespace Ninsho.Storage.Tests;

/// <summary>The contract on PostgreSQL: a database per test class, a schema per test. Without
/// <c>NINSHO_TEST_PG</c> the tests are skipped, except on CI (<c>CI=true</c>), where they fail.</summary>
public sealed class PostgreSqlStorageContractTests(PostgreSqlTestDatabase server) : StorageContractTests, IClassFixture<PostgreSqlTestDatabase>
{
    public override async ValueTask InitializeAsync()
    {
        if (server.ConnectionString is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{PostgreSqlTestDatabase.Variable} is not set: CI must run the PostgreSQL tests (eval \"$(scripts/start-test-postgres.sh)\").");
            }

            Assert.Skip($"{PostgreSqlTestDatabase.Variable} is not set (eval \"$(scripts/start-test-postgres.sh)\" to run these).");
        }

        await base.InitializeAsync();
    }

    protected override async Task<string> CreateDatabaseAsync()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            _ = await command.ExecuteNonQueryAsync(Ct);
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    protected override INinshoStorage CreateStorage(string database) => new PostgreSqlNinshoStorage(database);

    protected override ValueTask CloseStorageAsync(INinshoStorage storage) => ((PostgreSqlNinshoStorage)storage).DisposeAsync();

    protected override async Task DeleteDatabaseAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        var schema = builder.SearchPath;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(database));
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        _ = await command.ExecuteNonQueryAsync(Ct);
    }

    protected override async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task PostgreSql_filtered_list_uses_the_search_index_on_a_large_pool()
    {
        // 20,000 users with statistics: the planner must pick user_search's primary key for equality and for
        // a selective prefix (a broad prefix may rightly walk the pool in key order instead of sorting the matches).
        const string pool = "us-east-1_big";
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, $$"""
            INSERT INTO user_pools VALUES ('{{pool}}', 'big', now(), now(), '{}', 0);
            INSERT INTO users (pool_id, username_key, username, sub, status, enabled, created_at, modified_at, attributes_json, failed_sign_ins, version)
                SELECT '{{pool}}', 'user' || lpad(i::text, 6, '0'), 'user' || i, gen_random_uuid()::text, 'CONFIRMED', true, now(), now(), '{}', 0, 0
                FROM generate_series(1, 20000) AS i;
            INSERT INTO user_search (pool_id, attr, value, username_key)
                SELECT pool_id, 'email', 'mail' || reverse(username_key) || '@example.com', username_key FROM users WHERE pool_id = '{{pool}}'
                UNION ALL SELECT pool_id, 'status', 'Enabled', username_key FROM users WHERE pool_id = '{{pool}}';
            ANALYZE;
            """);

        foreach (var (filter, after) in new (UserFilter, string?)[]
        {
            (new(SearchableAttributes.Email, "mail100000resu@example.com", false), null),
            (new(SearchableAttributes.Email, "mail100000resu@example.com", false), "user000001"),
            (new(SearchableAttributes.Email, "mail1234", true), null),
            (new(SearchableAttributes.Email, "mail1234", true), "user000500"),
        })
        {
            await using var list = PostgreSqlUserStore.BuildList(new NpgsqlCommand { Connection = connection }, pool, filter, after);
            list.CommandText = "EXPLAIN " + list.CommandText;
            _ = list.Parameters.AddWithValue("take", 61);
            var plan = new List<string>();
            await using (var reader = await list.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    plan.Add(reader.GetString(0));
                }
            }

            var text = string.Join('\n', plan);
            Assert.Contains("user_search_pkey on user_search s", text, StringComparison.Ordinal);
            Assert.Contains("Index Cond: ((pool_id = ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        }

        var page = await Storage.Users.ListAsync(pool, new UserFilter(SearchableAttributes.Email, "mail1234", true), 5, null, Ct);
        Assert.Equal(["user004321", "user014321"], Keys(page));
    }

    [Fact]
    public async Task PostgreSql_user_update_rewrites_only_the_search_rows_whose_value_changed()
    {
        // A sign-in updates its user twice (the lockout counter); those updates must not rewrite the search index.
        var poolId = await CreatePoolAsync();
        var user = await CreateUserAsync(poolId, "erin", new Dictionary<string, string> { ["email"] = "erin@example.com", ["name"] = "Erin" });
        var before = await SearchRowVersionsAsync(poolId, "erin");

        Assert.Equal(UpdateResult.Updated, await Storage.Users.UpdateAsync(user with { FailedSignIns = 1, LastFailedSignInAt = T0 }, Ct));
        Assert.Equal(before, await SearchRowVersionsAsync(poolId, "erin"));

        var renamed = user with { Version = 1, Attributes = new Dictionary<string, string>(user.Attributes) { ["email"] = "erin@example.org" } };
        Assert.Equal(UpdateResult.Updated, await Storage.Users.UpdateAsync(renamed, Ct));
        var after = await SearchRowVersionsAsync(poolId, "erin");
        Assert.Equal(before.Where(static r => !r.StartsWith("email=", StringComparison.Ordinal)),
            after.Where(static r => !r.StartsWith("email=", StringComparison.Ordinal)));
        Assert.Contains(after, static r => r.StartsWith("email=erin@example.org ", StringComparison.Ordinal));
        Assert.DoesNotContain(after, static r => r.StartsWith("email=erin@example.com ", StringComparison.Ordinal));
    }

    [Fact]
    public void PostgreSql_connection_string_defaults_keep_what_the_operator_set()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(PostgreSqlNinshoStorage.WithDefaults("Host=db;Username=u;Database=d"));
        Assert.True(defaulted.NoResetOnClose);
        Assert.Equal(PostgreSqlNinshoStorage.MaxAutoPrepare, defaulted.MaxAutoPrepare);
        Assert.Equal("db", defaulted.Host);

        var given = new NpgsqlConnectionStringBuilder(PostgreSqlNinshoStorage.WithDefaults("Host=db;No Reset On Close=false;MaxAutoPrepare=0"));
        Assert.False(given.NoResetOnClose);
        Assert.Equal(0, given.MaxAutoPrepare);
    }

    /// <summary>The user's search rows as "attr=value xmin/ctid": a row rewritten gets another transaction id and place.</summary>
    private async Task<List<string>> SearchRowVersionsAsync(string poolId, string usernameKey)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var select = new NpgsqlCommand(
            "SELECT attr || '=' || value || ' ' || xmin::text || '/' || ctid::text FROM user_search WHERE pool_id = @pool AND username_key = @key ORDER BY attr, value;",
            connection);
        _ = select.Parameters.AddWithValue("pool", poolId);
        _ = select.Parameters.AddWithValue("key", usernameKey);
        var rows = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        _ = await command.ExecuteNonQueryAsync(Ct);
    }
}
