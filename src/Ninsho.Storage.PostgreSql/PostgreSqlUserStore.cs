using System.Text;
using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserStore(PostgreSqlCommands db) : IUserStore
{
    private const string Columns =
        "pool_id, username_key, username, sub, status, enabled, created_at, modified_at, attributes_json, password_hash, " +
        "password_set_at, tokens_valid_after, failed_sign_ins, last_failed_sign_in_at, extra_json, version";

    /// <summary>The user columns, qualified by the alias <c>u</c>, in the order <see cref="Read"/> reads them.</summary>
    internal const string UserColumns =
        "u.pool_id, u.username_key, u.username, u.sub, u.status, u.enabled, u.created_at, u.modified_at, u.attributes_json, u.password_hash, " +
        "u.password_set_at, u.tokens_valid_after, u.failed_sign_ins, u.last_failed_sign_in_at, u.extra_json, u.version";

    // The range is read from user_search's primary key (pool_id, attr, value, username_key); each hit is
    // fetched from users by its primary key.
    private const string SearchJoin =
        $"SELECT {UserColumns} FROM user_search s JOIN users u ON u.pool_id = s.pool_id AND u.username_key = s.username_key " +
        "WHERE s.pool_id = @pool AND s.attr = @attr";

    private static readonly string DeleteSearchRows =
        $"DELETE FROM user_search WHERE pool_id = @pool AND {UserSearchRows.AnyAttributeSql} AND username_key = @key;";

    private const string InsertSearchRows =
        "INSERT INTO user_search (pool_id, attr, value, username_key) SELECT @pool, a, v, @key FROM unnest(@attrs, @values) AS t(a, v);";

    public async Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A concurrent create of the same key waits on the unique index until the first commits, then does nothing.
        await using (var insert = Bind(new NpgsqlCommand(
            $"INSERT INTO users ({Columns}) VALUES (@pool, @key, @username, @sub, @status, @enabled, @created, @modified, @attributes, " +
            "@password_hash, @password_set_at, @tokens_valid_after, @failed_sign_ins, @last_failed_sign_in_at, @extra, @version) " +
            "ON CONFLICT (pool_id, username_key) DO NOTHING;", connection, transaction), user))
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        await using (var search = WithSearchRows(new NpgsqlCommand(InsertSearchRows, connection, transaction), user))
        {
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await UserCounts.AddAsync(connection, transaction, user.UserPoolId, 1, ct);
        await transaction.CommitAsync(ct);
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

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // One round trip for the users (a batch of inserts, each reporting whether it inserted), one for the
        // search rows of those inserted, one per pool for the counts.
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var user in users)
            {
                var insert = new NpgsqlBatchCommand(
                    $"INSERT INTO users ({Columns}) VALUES (@pool, @key, @username, @sub, @status, @enabled, @created, @modified, @attributes, " +
                    "@password_hash, @password_set_at, @tokens_valid_after, @failed_sign_ins, @last_failed_sign_in_at, @extra, @version) " +
                    "ON CONFLICT (pool_id, username_key) DO NOTHING;");
                using var bound = Bind(new NpgsqlCommand(), user);
                foreach (NpgsqlParameter parameter in bound.Parameters)
                {
                    _ = insert.Parameters.Add(parameter.Clone());
                }

                batch.BatchCommands.Add(insert);
            }

            _ = await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < users.Count; i++)
            {
                results[i] = batch.BatchCommands[i].RecordsAffected == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
            }
        }

        var created = users.Where((_, i) => results[i] == CreateResult.Created).ToList();
        var rows = created.SelectMany(u => UserSearchRows.For(u).Select(r => (u.UserPoolId, r.Key, r.Value, u.UsernameKey))).ToList();
        if (rows.Count > 0)
        {
            await using var search = new NpgsqlCommand(
                "INSERT INTO user_search (pool_id, attr, value, username_key) SELECT * FROM unnest(@pools, @attrs, @values, @keys);", connection, transaction)
                .With("pools", rows.Select(static r => r.UserPoolId).ToArray())
                .With("attrs", rows.Select(static r => r.Key).ToArray())
                .With("values", rows.Select(static r => r.Value).ToArray())
                .With("keys", rows.Select(static r => r.UsernameKey).ToArray());
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        foreach (var pool in created.GroupBy(static u => u.UserPoolId, StringComparer.Ordinal))
        {
            await UserCounts.AddAsync(connection, transaction, pool.Key, pool.Count(), ct);
        }

        await transaction.CommitAsync(ct);
        return results;
    }

    public async Task<StoredUser?> FindAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM users WHERE pool_id = @pool AND username_key = @key;")
            .With("pool", userPoolId)
            .With("key", usernameKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct)
    {
        // One statement, one snapshot: the pool row drives (no row: no pool), the user is left-joined by its key,
        // and the origin check is an EXISTS on the origin index (a NULL origin matches nothing).
        await using var select = db.CreateCommand(
            "SELECT p.version, EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.origin_jti = @origin AND r.revoked_at IS NOT NULL), " +
            "(SELECT c.version FROM user_pool_clients c WHERE c.client_id = @client AND c.pool_id = p.pool_id), " +
            $"{UserColumns} FROM user_pools p LEFT JOIN users u ON u.pool_id = p.pool_id AND u.username_key = @key WHERE p.pool_id = @pool;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .WithText("origin", originJti)
            .WithText("client", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return new UserWithPoolState(null, null, false);
        }

        return new UserWithPoolState(
            reader.GetInt64(0), reader.IsDBNull(3) ? null : Read(reader, 3), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        UserSearchRows.Validate(new UserFilter(attribute, value, Prefix: false));
        await using var select = db.CreateCommand($"{SearchJoin} AND s.value = @value ORDER BY s.username_key LIMIT @take;")
            .With("pool", userPoolId)
            .With("attr", attribute)
            .With("value", value)
            .With("take", limit);
        return await ReadAllAsync(select, ct);
    }

    public async Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = BuildList(db.CreateCommand(), userPoolId, filter, afterKey).With("take", limit + 1);
        var users = await ReadAllAsync(select, ct);
        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var update = Bind(new NpgsqlCommand(
            "UPDATE users SET username = @username, sub = @sub, status = @status, enabled = @enabled, created_at = @created, " +
            "modified_at = @modified, attributes_json = @attributes, password_hash = @password_hash, password_set_at = @password_set_at, " +
            "tokens_valid_after = @tokens_valid_after, failed_sign_ins = @failed_sign_ins, last_failed_sign_in_at = @last_failed_sign_in_at, " +
            "extra_json = @extra, version = @version + 1 " +
            "WHERE pool_id = @pool AND username_key = @key AND version = @version;", connection, transaction), user))
        {
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                await using var exists = new NpgsqlCommand(
                    "SELECT EXISTS (SELECT 1 FROM users WHERE pool_id = @pool AND username_key = @key);", connection, transaction)
                    .With("pool", user.UserPoolId)
                    .With("key", user.UsernameKey);
                return (bool)(await exists.ExecuteScalarAsync(ct))! ? UpdateResult.VersionConflict : UpdateResult.NotFound;
            }
        }

        await using (var clear = new NpgsqlCommand(DeleteSearchRows, connection, transaction)
            .With("pool", user.UserPoolId)
            .With("key", user.UsernameKey))
        {
            _ = await clear.ExecuteNonQueryAsync(ct);
        }

        await using (var search = WithSearchRows(new NpgsqlCommand(InsertSearchRows, connection, transaction), user))
        {
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return UpdateResult.Updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        // Search rows are deleted here; foreign keys cascade to the user's refresh tokens.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var search = new NpgsqlCommand(DeleteSearchRows, connection, transaction).With("pool", userPoolId).With("key", usernameKey))
        {
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM users WHERE pool_id = @pool AND username_key = @key;", connection, transaction)
            .With("pool", userPoolId)
            .With("key", usernameKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        if (deleted)
        {
            await UserCounts.AddAsync(connection, transaction, userPoolId, -1, ct);
        }

        await transaction.CommitAsync(ct);
        return deleted;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        // The maintained count (V006), a sum of at most 16 rows: the same cost at 1,000 and 1,000,000 users.
        await using var count = db.CreateCommand("SELECT coalesce(sum(n), 0)::bigint FROM user_counts WHERE pool_id = @pool;").With("pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The listing query: by username key alone, or through the search index for a filter,
    /// equality as <c>value = v</c>, prefix as the range <c>value &gt;= p AND value &lt; upper(p)</c>.</summary>
    internal static NpgsqlCommand BuildList(NpgsqlCommand command, string userPoolId, UserFilter? filter, string? afterKey)
    {
        _ = command.With("pool", userPoolId);
        if (afterKey is not null)
        {
            _ = command.With("after", afterKey);
        }

        if (filter is null)
        {
            command.CommandText = afterKey is null
                ? $"SELECT {Columns} FROM users WHERE pool_id = @pool ORDER BY username_key LIMIT @take;"
                : $"SELECT {Columns} FROM users WHERE pool_id = @pool AND username_key > @after ORDER BY username_key LIMIT @take;";
            return command;
        }

        UserSearchRows.Validate(filter);
        var sql = new StringBuilder(SearchJoin);
        _ = command.With("attr", filter.Attribute).With("value", filter.Value);
        if (!filter.Prefix)
        {
            _ = sql.Append(" AND s.value = @value");
        }
        else
        {
            _ = sql.Append(" AND s.value >= @value");
            if (PrefixRange.UpperBound(filter.Value) is { } upper)
            {
                _ = sql.Append(" AND s.value < @upper");
                _ = command.With("upper", upper);
            }
        }

        if (afterKey is not null)
        {
            _ = sql.Append(" AND s.username_key > @after");
        }

        command.CommandText = sql.Append(" ORDER BY s.username_key LIMIT @take;").ToString();
        return command;
    }

    private static NpgsqlCommand WithSearchRows(NpgsqlCommand command, StoredUser user)
    {
        var rows = UserSearchRows.For(user);
        return command
            .With("pool", user.UserPoolId)
            .With("key", user.UsernameKey)
            .With("attrs", rows.Select(static r => r.Key).ToArray())
            .With("values", rows.Select(static r => r.Value).ToArray());
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredUser user) => command
        .With("pool", user.UserPoolId)
        .With("key", user.UsernameKey)
        .With("username", user.Username)
        .With("sub", user.Sub)
        .With("status", user.Status)
        .With("enabled", user.Enabled)
        .WithTime("created", user.CreatedAt)
        .WithTime("modified", user.ModifiedAt)
        .WithJsonb("attributes", AttributesJson.Serialize(user.Attributes))
        .WithText("password_hash", user.PasswordHash)
        .WithTime("password_set_at", user.PasswordSetAt)
        .WithTime("tokens_valid_after", user.TokensValidAfter)
        .With("failed_sign_ins", user.FailedSignIns)
        .WithTime("last_failed_sign_in_at", user.LastFailedSignInAt)
        .WithText("extra", user.ExtraJson)
        .With("version", user.Version);

    private static async Task<List<StoredUser>> ReadAllAsync(NpgsqlCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    internal static StoredUser Read(NpgsqlDataReader reader, int at = 0) => new()
    {
        UserPoolId = reader.GetString(at),
        UsernameKey = reader.GetString(at + 1),
        Username = reader.GetString(at + 2),
        Sub = reader.GetString(at + 3),
        Status = reader.GetString(at + 4),
        Enabled = reader.GetBoolean(at + 5),
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
