using System.Text;
using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserStore(SqliteConnectionFactory db) : IUserStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    // user_search drives the join (CROSS JOIN fixes SQLite's join order) and each hit is fetched from users by
    // its unique key. INDEXED BY pins the index the plan was chosen for (SQLite has no statistics to choose with),
    // and makes the statement fail rather than scan if the index ever goes away.
    private const string SearchSelect = $"SELECT {UserRows.JoinedColumns} FROM user_search s INDEXED BY ";

    private const string SearchJoin = " CROSS JOIN users u ON u.pool_id = s.pool_id AND u.username_key = s.username_key ";

    /// <summary>The primary key (pool_id, attr, value, username_key): the matches in value order.</summary>
    private const string ValueIndex = "sqlite_autoindex_user_search_1";

    /// <summary>(pool_id, attr, username_key): the pool's values of one attribute in username_key order.</summary>
    private const string KeyIndex = "ix_user_search_key";

    public async Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await db.BeginWriteAsync(ct);
        using (var insert = write.Command(UserRows.Insert))
        {
            UserRows.Bind(Sql, insert, user);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        await InsertSearchRowsAsync(write, user, ct);
        using (var count = write.Command("UPDATE user_pools SET user_count = user_count + 1 WHERE pool_id = @pool;"))
        {
            Sql.Text(count, "@pool", user.UserPoolId);
            _ = await count.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<IReadOnlyList<CreateResult>> CreateManyAsync(IReadOnlyList<StoredUser> users, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        var results = new CreateResult[users.Count];
        if (users.Count == 0)
        {
            return results;
        }

        // One write transaction for the whole list: SQLite's cost is the commit, not the statements. The two
        // commands are reused (prepared once, parameters re-bound per user).
        await using var write = await db.BeginWriteAsync(ct);
        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        using var insert = write.Command(UserRows.Insert);
        using var search = write.Command("INSERT INTO user_search (pool_id, attr, value, username_key) VALUES (@pool, @attr, @value, @key);");
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            insert.Parameters.Clear();
            UserRows.Bind(Sql, insert, user);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                results[i] = CreateResult.AlreadyExists;
                continue;
            }

            foreach (var row in UserRows.SearchRows(user))
            {
                search.Parameters.Clear();
                UserRows.Key(Sql, search, user.UserPoolId, user.UsernameKey);
                Sql.Text(search, "@attr", row.Key);
                Sql.Text(search, "@value", row.Value);
                _ = await search.ExecuteNonQueryAsync(ct);
            }

            created[user.UserPoolId] = created.GetValueOrDefault(user.UserPoolId) + 1;
            results[i] = CreateResult.Created;
        }

        foreach (var (pool, n) in created)
        {
            using var count = write.Command("UPDATE user_pools SET user_count = user_count + @n WHERE pool_id = @pool;");
            Sql.Text(count, "@pool", pool);
            Sql.Int64(count, "@n", n);
            _ = await count.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return results;
    }

    public async Task<StoredUser?> FindAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(UserRows.Find);
        UserRows.Key(Sql, select, userPoolId, usernameKey);
        return await Sql.ReadFirstAsync(select, UserRows.Read, ct);
    }

    public async Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(UserRows.FindWithPoolState);
        UserRows.Key(Sql, select, userPoolId, usernameKey);
        Sql.Text(select, "@origin", originJti);
        Sql.Text(select, "@client", clientId);
        return await UserRows.ReadWithPoolStateAsync(select, Sql, ct);
    }

    public async Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = new UserFilter(attribute, value, Prefix: false);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"{SearchSelect}{ValueIndex}{SearchJoin}{UserRows.SearchWhere(filter, null)}");
        UserRows.BindSearch(Sql, select, userPoolId, filter, null);
        SqliteDialect.Take(select, limit);
        return await Sql.ReadAllAsync(select, UserRows.Read, ct);
    }

    public async Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        var walk = filter is { Prefix: true } && await PrefersKeyOrderAsync(connection, userPoolId, filter, limit, ct);
        using var select = BuildList(connection, userPoolId, filter, afterKey, walk);
        SqliteDialect.Take(select, limit + 1);
        var users = await Sql.ReadAllAsync(select, UserRows.Read, ct);
        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await db.BeginWriteAsync(ct);
        using (var update = write.Command(UserRows.Update))
        {
            UserRows.Bind(Sql, update, user);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                using var exists = write.Command(UserRows.Exists);
                UserRows.Key(Sql, exists, user.UserPoolId, user.UsernameKey);
                return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
            }
        }

        // Most updates (a sign-in's lockout counter, a password, a last-modified time) change no searchable value:
        // reading the few search rows is cheaper than deleting and re-inserting them in two indexes.
        if (!UserRows.SameSearchRows(await ReadSearchRowsAsync(write, user, ct), UserRows.SearchRows(user)))
        {
            using (var clear = write.Command(UserRows.DeleteSearchRows))
            {
                UserRows.Key(Sql, clear, user.UserPoolId, user.UsernameKey);
                _ = await clear.ExecuteNonQueryAsync(ct);
            }

            await InsertSearchRowsAsync(write, user, ct);
        }

        await write.CommitAsync(ct);
        return UpdateResult.Updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        // Search rows are deleted here; foreign keys cascade to the user's refresh tokens.
        await using var write = await db.BeginWriteAsync(ct);
        using (var search = write.Command(UserRows.DeleteSearchRows))
        {
            UserRows.Key(Sql, search, userPoolId, usernameKey);
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        using (var delete = write.Command(UserRows.Delete))
        {
            UserRows.Key(Sql, delete, userPoolId, usernameKey);
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        using (var count = write.Command("UPDATE user_pools SET user_count = user_count - 1 WHERE pool_id = @pool;"))
        {
            Sql.Text(count, "@pool", userPoolId);
            _ = await count.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return true;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await CountUsersAsync(connection, userPoolId, ct);
    }

    /// <summary>Chooses the plan for a prefix filter over <c>m</c> matches in a pool of <c>n</c> users. Reading the
    /// matches from the primary key costs <c>m</c> rows plus a bounded sort; walking the attribute in username_key
    /// order (<see cref="KeyIndex"/>) until the page is full costs about <c>(limit + 1) · n / m</c> rows. The walk wins
    /// once <c>m &gt; √((limit + 1) · n)</c>, so this counts matches up to that threshold, which costs no more than
    /// the cheaper plan. The pool's user count is kept with the pool, so n costs one row.</summary>
    internal static async Task<bool> PrefersKeyOrderAsync(SqliteConnection connection, string userPoolId, UserFilter filter, int limit, CancellationToken ct)
    {
        var users = await CountUsersAsync(connection, userPoolId, ct);
        var threshold = (long)Math.Ceiling(Math.Sqrt((limit + 1.0) * users));
        if (threshold <= 1)
        {
            return false;
        }

        var upper = PrefixRange.UpperBound(filter.Value);
        using var probe = connection.Command(
            $"SELECT count(*) FROM (SELECT 1 FROM user_search INDEXED BY {ValueIndex} WHERE pool_id = @pool AND attr = @attr AND value >= @value" +
            (upper is null ? "" : " AND value < @upper") + " LIMIT @threshold);")
            .With("@pool", userPoolId)
            .With("@attr", filter.Attribute)
            .With("@value", filter.Value)
            .With("@threshold", threshold);
        if (upper is not null)
        {
            _ = probe.With("@upper", upper);
        }

        return (long)(await probe.ExecuteScalarAsync(ct))! >= threshold;
    }

    /// <summary>The listing query: by username key alone, or through the search index for a filter
    /// (<see cref="UserRows.SearchWhere"/>), read from the primary key (matches in value order, then sorted) or,
    /// when <paramref name="walkKeyOrder"/>, from the (pool_id, attr, username_key) index in page order. Binds all
    /// but <c>@take</c>.</summary>
    internal static SqliteCommand BuildList(SqliteConnection connection, string userPoolId, UserFilter? filter, string? afterKey, bool walkKeyOrder = false)
    {
        if (filter is null)
        {
            var all = connection.Command(UserRows.List(afterKey));
            Sql.Text(all, "@pool", userPoolId);
            Sql.Text(all, "@after", afterKey);
            return all;
        }

        var index = walkKeyOrder && filter.Prefix ? KeyIndex : ValueIndex;
        var command = connection.Command($"{SearchSelect}{index}{SearchJoin}{UserRows.SearchWhere(filter, afterKey)}");
        UserRows.BindSearch(Sql, command, userPoolId, filter, afterKey);
        return command;
    }

    private static async Task<long> CountUsersAsync(SqliteConnection connection, string userPoolId, CancellationToken ct)
    {
        using var count = connection.Command("SELECT user_count FROM user_pools WHERE pool_id = @pool;").With("@pool", userPoolId);
        return await count.ExecuteScalarAsync(ct) is long n ? n : 0;
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadSearchRowsAsync(SqliteWrite write, StoredUser user, CancellationToken ct)
    {
        using var select = write.Command(UserRows.SelectSearchRows);
        UserRows.Key(Sql, select, user.UserPoolId, user.UsernameKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var rows = new List<KeyValuePair<string, string>>(SearchableAttributes.All.Count);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task InsertSearchRowsAsync(SqliteWrite write, StoredUser user, CancellationToken ct)
    {
        var rows = UserRows.SearchRows(user);
        if (rows.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder("INSERT INTO user_search (pool_id, attr, value, username_key) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            _ = sql.Append(i == 0 ? "" : ", ").Append($"(@pool, @a{i}, @v{i}, @key)");
        }

        using var insert = write.Command(sql.Append(';').ToString());
        UserRows.Key(Sql, insert, user.UserPoolId, user.UsernameKey);
        for (var i = 0; i < rows.Count; i++)
        {
            Sql.Text(insert, $"@a{i}", rows[i].Key);
            Sql.Text(insert, $"@v{i}", rows[i].Value);
        }

        _ = await insert.ExecuteNonQueryAsync(ct);
    }
}
