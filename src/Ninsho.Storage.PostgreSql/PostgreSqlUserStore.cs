using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserStore(PostgreSqlCommands db) : IUserStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    // The range is read from user_search's primary key (pool_id, attr, value, username_key); each hit is
    // fetched from users by its primary key.
    private const string SearchJoin =
        $"SELECT {UserRows.JoinedColumns} FROM user_search s JOIN users u ON u.pool_id = s.pool_id AND u.username_key = s.username_key ";

    private const string InsertSearchRows =
        "INSERT INTO user_search (pool_id, attr, value, username_key) SELECT @pool, a, v, @key FROM unnest(@attrs, @values) AS t(a, v);";

    /// <summary>The user's row updated (binds <see cref="UserRows.Bind"/>) and, only if it was, its search rows brought in
    /// line with <c>@attrs</c>/<c>@values</c>: rows of values no longer held deleted, new ones inserted, unchanged ones
    /// left alone, so the usual update (a counter, a timestamp) writes no search row. Returns how many users were
    /// updated (0 or 1). The update locks the user's row first, as every writer of its search rows does, and all
    /// parts see one snapshot; a data-modifying WITH part runs to completion whether or not it is read.</summary>
    private static readonly string UpdateWithSearchRows =
        $"WITH updated AS ({UserRows.Update.TrimEnd(';')} RETURNING 1), " +
        "wanted AS (SELECT a COLLATE \"C\" AS attr, v COLLATE \"C\" AS value FROM unnest(@attrs, @values) AS t(a, v)), " +
        "cleared AS (DELETE FROM user_search s WHERE s.pool_id = @pool " +
        $"AND s.attr IN ({string.Join(", ", SearchableAttributes.All.Select(static a => $"'{a}'"))}) AND s.username_key = @key " +
        "AND EXISTS (SELECT 1 FROM updated) AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.attr = s.attr AND w.value = s.value)), " +
        "added AS (INSERT INTO user_search (pool_id, attr, value, username_key) SELECT @pool, attr, value, @key FROM wanted " +
        "WHERE EXISTS (SELECT 1 FROM updated) ON CONFLICT DO NOTHING) " +
        "SELECT count(*) FROM updated;";

    public async Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A concurrent create of the same key waits on the unique index until the first commits, then does nothing.
        await using (var insert = new NpgsqlCommand(UserRows.Insert, connection, transaction))
        {
            UserRows.Bind(Sql, insert, user);
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
                var insert = new NpgsqlBatchCommand(UserRows.Insert);
                using var bound = new NpgsqlCommand();
                UserRows.Bind(Sql, bound, user);
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
        var rows = created.SelectMany(u => UserRows.SearchRows(u).Select(r => (u.UserPoolId, r.Key, r.Value, u.UsernameKey))).ToList();
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
        await using var select = db.CreateCommand(UserRows.Find);
        UserRows.Key(Sql, select, userPoolId, usernameKey);
        return await Sql.ReadFirstAsync(select, UserRows.Read, ct);
    }

    public async Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserRows.FindWithPoolState);
        UserRows.Key(Sql, select, userPoolId, usernameKey);
        Sql.Text(select, "@origin", originJti);
        Sql.Text(select, "@client", clientId);
        return await UserRows.ReadWithPoolStateAsync(select, Sql, ct);
    }

    public async Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = new UserFilter(attribute, value, Prefix: false);
        await using var select = db.CreateCommand(SearchJoin + UserRows.SearchWhere(filter, null));
        UserRows.BindSearch(Sql, select, userPoolId, filter, null);
        Sql.Int32(select, "@take", limit);
        return await Sql.ReadAllAsync(select, UserRows.Read, ct);
    }

    public async Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = BuildList(db.CreateCommand(), userPoolId, filter, afterKey);
        Sql.Int32(select, "@take", limit + 1);
        var users = await Sql.ReadAllAsync(select, UserRows.Read, ct);
        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);

        // One statement, so one round trip and no BEGIN/COMMIT: a sign-in updates its user twice (lockout counter).
        var rows = UserRows.SearchRows(user);
        await using (var update = db.CreateCommand(UpdateWithSearchRows)
            .With("attrs", rows.Select(static r => r.Key).ToArray())
            .With("values", rows.Select(static r => r.Value).ToArray()))
        {
            UserRows.Bind(Sql, update, user);
            if ((long)(await update.ExecuteScalarAsync(ct))! == 1)
            {
                return UpdateResult.Updated;
            }
        }

        await using var exists = db.CreateCommand(UserRows.Exists);
        UserRows.Key(Sql, exists, user.UserPoolId, user.UsernameKey);
        return (bool)(await exists.ExecuteScalarAsync(ct))! ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        // Search rows are deleted here; foreign keys cascade to the user's refresh tokens.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var search = new NpgsqlCommand(UserRows.DeleteSearchRows, connection, transaction))
        {
            UserRows.Key(Sql, search, userPoolId, usernameKey);
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await using var delete = new NpgsqlCommand(UserRows.Delete, connection, transaction);
        UserRows.Key(Sql, delete, userPoolId, usernameKey);
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

    /// <summary>The listing query: by username key alone, or through the search index for a filter
    /// (<see cref="UserRows.SearchWhere"/>). Binds all but <c>@take</c>.</summary>
    internal static NpgsqlCommand BuildList(NpgsqlCommand command, string userPoolId, UserFilter? filter, string? afterKey)
    {
        if (filter is null)
        {
            command.CommandText = UserRows.List(afterKey);
            Sql.Text(command, "@pool", userPoolId);
            if (afterKey is not null)
            {
                Sql.Text(command, "@after", afterKey);
            }

            return command;
        }

        command.CommandText = SearchJoin + UserRows.SearchWhere(filter, afterKey);
        UserRows.BindSearch(Sql, command, userPoolId, filter, afterKey);
        return command;
    }

    private static NpgsqlCommand WithSearchRows(NpgsqlCommand command, StoredUser user)
    {
        var rows = UserRows.SearchRows(user);
        return command
            .With("pool", user.UserPoolId)
            .With("key", user.UsernameKey)
            .With("attrs", rows.Select(static r => r.Key).ToArray())
            .With("values", rows.Select(static r => r.Value).ToArray());
    }
}
