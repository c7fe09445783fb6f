using System.Text;
using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserStore(SqliteConnectionFactory db) : IUserStore
{
    private const string Columns =
        "pool_id, username_key, username, sub, status, enabled, created_at, modified_at, attributes_json, password_hash, " +
        "password_set_at, tokens_valid_after, failed_sign_ins, last_failed_sign_in_at, extra_json, version";

    /// <summary>The user columns, qualified by the alias <c>u</c>, in the order <see cref="Read"/> reads them.</summary>
    internal const string UserColumns =
        "u.pool_id, u.username_key, u.username, u.sub, u.status, u.enabled, u.created_at, u.modified_at, u.attributes_json, u.password_hash, " +
        "u.password_set_at, u.tokens_valid_after, u.failed_sign_ins, u.last_failed_sign_in_at, u.extra_json, u.version";

    // user_search drives the join (CROSS JOIN fixes SQLite's join order) and each hit is fetched from users by
    // its unique key. INDEXED BY pins the index the plan was chosen for (SQLite has no statistics to choose with),
    // and makes the statement fail rather than scan if the index ever goes away.
    private const string SearchSelect = $"SELECT {UserColumns} FROM user_search s INDEXED BY ";

    private const string SearchJoin =
        " CROSS JOIN users u ON u.pool_id = s.pool_id AND u.username_key = s.username_key WHERE s.pool_id = $pool AND s.attr = $attr";

    /// <summary>The primary key (pool_id, attr, value, username_key): the matches in value order.</summary>
    private const string ValueIndex = "sqlite_autoindex_user_search_1";

    /// <summary>(pool_id, attr, username_key): the pool's values of one attribute in username_key order.</summary>
    private const string KeyIndex = "ix_user_search_key";

    private static readonly string DeleteSearchRows =
        $"DELETE FROM user_search WHERE pool_id = $pool AND {UserSearchRows.AnyAttributeSql} AND username_key = $key;";

    public async Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await db.BeginWriteAsync(ct);
        using (var insert = Bind(write.Command(
            $"INSERT INTO users ({Columns}) VALUES ($pool, $key, $username, $sub, $status, $enabled, $created, $modified, $attributes, " +
            "$password_hash, $password_set_at, $tokens_valid_after, $failed_sign_ins, $last_failed_sign_in_at, $extra, $version) " +
            "ON CONFLICT (pool_id, username_key) DO NOTHING;"), user))
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        await InsertSearchRowsAsync(write, user, ct);
        using (var count = write.Command("UPDATE user_pools SET user_count = user_count + 1 WHERE pool_id = $pool;").With("$pool", user.UserPoolId))
        {
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
        using var insert = write.Command(
            $"INSERT INTO users ({Columns}) VALUES ($pool, $key, $username, $sub, $status, $enabled, $created, $modified, $attributes, " +
            "$password_hash, $password_set_at, $tokens_valid_after, $failed_sign_ins, $last_failed_sign_in_at, $extra, $version) " +
            "ON CONFLICT (pool_id, username_key) DO NOTHING;");
        using var search = write.Command("INSERT INTO user_search (pool_id, attr, value, username_key) VALUES ($pool, $attr, $value, $key);");
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            insert.Parameters.Clear();
            if (await Bind(insert, user).ExecuteNonQueryAsync(ct) == 0)
            {
                results[i] = CreateResult.AlreadyExists;
                continue;
            }

            foreach (var row in UserSearchRows.For(user))
            {
                search.Parameters.Clear();
                _ = await search.With("$pool", user.UserPoolId).With("$attr", row.Key).With("$value", row.Value).With("$key", user.UsernameKey)
                    .ExecuteNonQueryAsync(ct);
            }

            created[user.UserPoolId] = created.GetValueOrDefault(user.UserPoolId) + 1;
            results[i] = CreateResult.Created;
        }

        foreach (var (pool, n) in created)
        {
            using var count = write.Command("UPDATE user_pools SET user_count = user_count + $n WHERE pool_id = $pool;").With("$pool", pool).With("$n", n);
            _ = await count.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return results;
    }

    public async Task<StoredUser?> FindAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command($"SELECT {Columns} FROM users WHERE pool_id = $pool AND username_key = $key;")
            .With("$pool", userPoolId)
            .With("$key", usernameKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct)
    {
        // One statement, one snapshot: the pool row drives (no row: no pool), the user is left-joined by its key,
        // and the origin check is an EXISTS on the origin index (a NULL origin matches nothing).
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(
            "SELECT p.version, EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.origin_jti = $origin AND r.revoked_at IS NOT NULL), " +
            "(SELECT c.version FROM user_pool_clients c WHERE c.client_id = $client AND c.pool_id = p.pool_id), " +
            $"{UserColumns} FROM user_pools p LEFT JOIN users u ON u.pool_id = p.pool_id AND u.username_key = $key WHERE p.pool_id = $pool;")
            .With("$pool", userPoolId)
            .With("$key", usernameKey)
            .With("$origin", originJti)
            .With("$client", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return new UserWithPoolState(null, null, false);
        }

        return new UserWithPoolState(
            reader.GetInt64(0), reader.IsDBNull(3) ? null : Read(reader, 3), reader.GetInt64(1) == 1, reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        UserSearchRows.Validate(new UserFilter(attribute, value, Prefix: false));
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"{SearchSelect}{ValueIndex}{SearchJoin} AND s.value = $value ORDER BY s.username_key LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$attr", attribute)
            .With("$value", value)
            .With("$take", limit);
        return await ReadAllAsync(select, ct);
    }

    public async Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        var walk = filter is { Prefix: true } && await PrefersKeyOrderAsync(connection, userPoolId, filter, limit, ct);
        using var select = BuildList(connection, userPoolId, filter, afterKey, walk).With("$take", limit + 1);
        var users = await ReadAllAsync(select, ct);
        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await db.BeginWriteAsync(ct);
        using (var update = Bind(write.Command(
            "UPDATE users SET username = $username, sub = $sub, status = $status, enabled = $enabled, created_at = $created, " +
            "modified_at = $modified, attributes_json = $attributes, password_hash = $password_hash, password_set_at = $password_set_at, " +
            "tokens_valid_after = $tokens_valid_after, failed_sign_ins = $failed_sign_ins, last_failed_sign_in_at = $last_failed_sign_in_at, " +
            "extra_json = $extra, version = $version + 1 " +
            "WHERE pool_id = $pool AND username_key = $key AND version = $version;"), user))
        {
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                using var exists = write.Command("SELECT EXISTS (SELECT 1 FROM users WHERE pool_id = $pool AND username_key = $key);")
                    .With("$pool", user.UserPoolId)
                    .With("$key", user.UsernameKey);
                return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
            }
        }

        using (var clear = write.Command(DeleteSearchRows)
            .With("$pool", user.UserPoolId)
            .With("$key", user.UsernameKey))
        {
            _ = await clear.ExecuteNonQueryAsync(ct);
        }

        await InsertSearchRowsAsync(write, user, ct);
        await write.CommitAsync(ct);
        return UpdateResult.Updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        // Search rows are deleted here; foreign keys cascade to the user's refresh tokens.
        await using var write = await db.BeginWriteAsync(ct);
        using (var search = write.Command(DeleteSearchRows).With("$pool", userPoolId).With("$key", usernameKey))
        {
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        using (var delete = write.Command("DELETE FROM users WHERE pool_id = $pool AND username_key = $key;")
            .With("$pool", userPoolId)
            .With("$key", usernameKey))
        {
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        using (var count = write.Command("UPDATE user_pools SET user_count = user_count - 1 WHERE pool_id = $pool;").With("$pool", userPoolId))
        {
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
            $"SELECT count(*) FROM (SELECT 1 FROM user_search INDEXED BY {ValueIndex} WHERE pool_id = $pool AND attr = $attr AND value >= $value" +
            (upper is null ? "" : " AND value < $upper") + " LIMIT $threshold);")
            .With("$pool", userPoolId)
            .With("$attr", filter.Attribute)
            .With("$value", filter.Value)
            .With("$threshold", threshold);
        if (upper is not null)
        {
            _ = probe.With("$upper", upper);
        }

        return (long)(await probe.ExecuteScalarAsync(ct))! >= threshold;
    }

    /// <summary>The listing query: by username key alone, or through the search index for a filter: equality
    /// as <c>value = v</c>, prefix as the range <c>value &gt;= p AND value &lt; upper(p)</c>, read from the primary
    /// key (matches in value order, then sorted) or, when <paramref name="walkKeyOrder"/>, from the
    /// (pool_id, attr, username_key) index in page order.</summary>
    internal static SqliteCommand BuildList(SqliteConnection connection, string userPoolId, UserFilter? filter, string? afterKey, bool walkKeyOrder = false)
    {
        if (filter is null)
        {
            return connection.Command(afterKey is null
                ? $"SELECT {Columns} FROM users WHERE pool_id = $pool ORDER BY username_key LIMIT $take;"
                : $"SELECT {Columns} FROM users WHERE pool_id = $pool AND username_key > $after ORDER BY username_key LIMIT $take;")
                .With("$pool", userPoolId)
                .With("$after", afterKey);
        }

        UserSearchRows.Validate(filter);
        var sql = new StringBuilder(SearchSelect).Append(walkKeyOrder && filter.Prefix ? KeyIndex : ValueIndex).Append(SearchJoin);
        string? upper = null;
        if (!filter.Prefix)
        {
            _ = sql.Append(" AND s.value = $value");
        }
        else
        {
            _ = sql.Append(" AND s.value >= $value");
            upper = PrefixRange.UpperBound(filter.Value);
            if (upper is not null)
            {
                _ = sql.Append(" AND s.value < $upper");
            }
        }

        if (afterKey is not null)
        {
            _ = sql.Append(" AND s.username_key > $after");
        }

        _ = sql.Append(" ORDER BY s.username_key LIMIT $take;");
        var command = connection.Command(sql.ToString())
            .With("$pool", userPoolId)
            .With("$attr", filter.Attribute)
            .With("$value", filter.Value);
        if (upper is not null)
        {
            _ = command.With("$upper", upper);
        }

        return afterKey is null ? command : command.With("$after", afterKey);
    }

    private static async Task<long> CountUsersAsync(SqliteConnection connection, string userPoolId, CancellationToken ct)
    {
        using var count = connection.Command("SELECT user_count FROM user_pools WHERE pool_id = $pool;").With("$pool", userPoolId);
        return await count.ExecuteScalarAsync(ct) is long n ? n : 0;
    }

    private static async Task InsertSearchRowsAsync(SqliteWrite write, StoredUser user, CancellationToken ct)
    {
        var rows = UserSearchRows.For(user);
        if (rows.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder("INSERT INTO user_search (pool_id, attr, value, username_key) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            _ = sql.Append(i == 0 ? "" : ", ").Append($"($pool, $a{i}, $v{i}, $key)");
        }

        using var insert = write.Command(sql.Append(';').ToString())
            .With("$pool", user.UserPoolId)
            .With("$key", user.UsernameKey);
        for (var i = 0; i < rows.Count; i++)
        {
            _ = insert.With($"$a{i}", rows[i].Key).With($"$v{i}", rows[i].Value);
        }

        _ = await insert.ExecuteNonQueryAsync(ct);
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredUser user) => command
        .With("$pool", user.UserPoolId)
        .With("$key", user.UsernameKey)
        .With("$username", user.Username)
        .With("$sub", user.Sub)
        .With("$status", user.Status)
        .With("$enabled", user.Enabled ? 1 : 0)
        .With("$created", user.CreatedAt)
        .With("$modified", user.ModifiedAt)
        .With("$attributes", AttributesJson.Serialize(user.Attributes))
        .With("$password_hash", user.PasswordHash)
        .With("$password_set_at", user.PasswordSetAt)
        .With("$tokens_valid_after", user.TokensValidAfter)
        .With("$failed_sign_ins", user.FailedSignIns)
        .With("$last_failed_sign_in_at", user.LastFailedSignInAt)
        .With("$extra", user.ExtraJson)
        .With("$version", user.Version);

    private static async Task<List<StoredUser>> ReadAllAsync(SqliteCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    internal static StoredUser Read(SqliteDataReader reader, int at = 0) => new()
    {
        UserPoolId = reader.GetString(at),
        UsernameKey = reader.GetString(at + 1),
        Username = reader.GetString(at + 2),
        Sub = reader.GetString(at + 3),
        Status = reader.GetString(at + 4),
        Enabled = reader.GetInt64(at + 5) != 0,
        CreatedAt = reader.GetTimestamp(at + 6),
        ModifiedAt = reader.GetTimestamp(at + 7),
        Attributes = AttributesJson.Parse(reader.GetString(at + 8)),
        PasswordHash = reader.GetNullableString(at + 9),
        PasswordSetAt = reader.GetNullableTimestamp(at + 10),
        TokensValidAfter = reader.GetNullableTimestamp(at + 11),
        FailedSignIns = reader.GetInt32(at + 12),
        LastFailedSignInAt = reader.GetNullableTimestamp(at + 13),
        ExtraJson = reader.GetNullableString(at + 14),
        Version = reader.GetInt64(at + 15),
    };
}
