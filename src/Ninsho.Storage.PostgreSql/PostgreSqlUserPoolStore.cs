using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolStore(PostgreSqlCommands db) : IUserPoolStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPool pool, IReadOnlyList<StoredSigningKey> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(keys);

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(UserPoolRows.Insert, connection, transaction))
        {
            UserPoolRows.Bind(Sql, insert, pool);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        foreach (var key in keys)
        {
            await using var insertKey = new NpgsqlCommand(UserPoolRows.InsertKey, connection, transaction);
            UserPoolRows.BindKey(Sql, insertKey, pool.Id, key);
            _ = await insertKey.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPool?> FindAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolRows.Find);
        Sql.Text(select, "@id", userPoolId);
        return await Sql.ReadFirstAsync(select, UserPoolRows.Read, ct);
    }

    public async Task<Page<StoredUserPool>> ListAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(UserPoolRows.List(afterKey));
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserPoolRows.Read, ct), limit, static p => p.Id);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);

        // One statement: the update, and whether the row exists at all (to tell a conflict from a missing pool).
        await using var update = db.CreateCommand(
            $"WITH updated AS ({UserPoolRows.Update} RETURNING 1) SELECT (SELECT count(*) FROM updated), {UserPoolRows.Exists};");
        UserPoolRows.Bind(Sql, update, pool);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var search = new NpgsqlCommand(UserPoolRows.DeleteSearchRows, connection, transaction))
        {
            Sql.Text(search, "@id", userPoolId);
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await using var delete = new NpgsqlCommand(UserPoolRows.Delete, connection, transaction);
        Sql.Text(delete, "@id", userPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await transaction.CommitAsync(ct);
        return deleted;
    }

    public async Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolRows.Keys);
        Sql.Text(select, "@pool", userPoolId);
        return await Sql.ReadAllAsync(select, (reader, sql) => UserPoolRows.ReadKey(reader, sql, userPoolId), ct);
    }

    public async Task<bool> AddSigningKeysAsync(string userPoolId, IReadOnlyList<StoredSigningKey> keys, DateTimeOffset retireOthersAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // FOR KEY SHARE holds off a concurrent delete of the pool until the keys are in.
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM user_pools WHERE pool_id = @id FOR KEY SHARE;", connection, transaction))
        {
            Sql.Text(exists, "@id", userPoolId);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                return false;
            }
        }

        await using (var retire = new NpgsqlCommand(UserPoolRows.RetireKeys, connection, transaction))
        {
            Sql.Text(retire, "@pool", userPoolId);
            Sql.Time(retire, "@retire", retireOthersAt);
            _ = await retire.ExecuteNonQueryAsync(ct);
        }

        foreach (var key in keys)
        {
            await using var insertKey = new NpgsqlCommand(UserPoolRows.InsertKey, connection, transaction);
            UserPoolRows.BindKey(Sql, insertKey, userPoolId, key);
            _ = await insertKey.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<int> DeleteRetiringSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(UserPoolRows.DeleteRetiringKeys);
        Sql.Text(delete, "@pool", userPoolId);
        return await delete.ExecuteNonQueryAsync(ct);
    }
}
