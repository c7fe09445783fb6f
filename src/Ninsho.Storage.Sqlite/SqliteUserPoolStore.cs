using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserPoolStore(SqliteConnectionFactory db) : IUserPoolStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPool pool, IReadOnlyList<StoredSigningKey> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(keys);

        await using var write = await db.BeginWriteAsync(ct);
        using (var insert = write.Command(UserPoolRows.Insert))
        {
            UserPoolRows.Bind(Sql, insert, pool);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        foreach (var key in keys)
        {
            using var insertKey = write.Command(UserPoolRows.InsertKey);
            UserPoolRows.BindKey(Sql, insertKey, pool.Id, key);
            _ = await insertKey.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPool?> FindAsync(string userPoolId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(UserPoolRows.Find);
        Sql.Text(select, "@id", userPoolId);
        return await Sql.ReadFirstAsync(select, UserPoolRows.Read, ct);
    }

    public async Task<Page<StoredUserPool>> ListAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserPoolRows.List(afterKey));
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserPoolRows.Read, ct), limit, static p => p.Id);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(UserPoolRows.Update + ";");
        UserPoolRows.Bind(Sql, update, pool);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {UserPoolRows.Exists};");
        Sql.Text(exists, "@id", pool.Id);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using (var search = write.Command(UserPoolRows.DeleteSearchRows))
        {
            Sql.Text(search, "@id", userPoolId);
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        using var delete = write.Command(UserPoolRows.Delete);
        Sql.Text(delete, "@id", userPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserPoolRows.Keys);
        Sql.Text(select, "@pool", userPoolId);
        return await Sql.ReadAllAsync(select, (reader, sql) => UserPoolRows.ReadKey(reader, sql, userPoolId), ct);
    }

    public async Task<bool> AddSigningKeysAsync(string userPoolId, IReadOnlyList<StoredSigningKey> keys, DateTimeOffset retireOthersAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var write = await db.BeginWriteAsync(ct);
        using (var exists = write.Command($"SELECT {UserPoolRows.Exists};"))
        {
            Sql.Text(exists, "@id", userPoolId);
            if ((long)(await exists.ExecuteScalarAsync(ct))! != 1)
            {
                return false;
            }
        }

        using (var retire = write.Command(UserPoolRows.RetireKeys))
        {
            Sql.Text(retire, "@pool", userPoolId);
            Sql.Time(retire, "@retire", retireOthersAt);
            _ = await retire.ExecuteNonQueryAsync(ct);
        }

        foreach (var key in keys)
        {
            using var insertKey = write.Command(UserPoolRows.InsertKey);
            UserPoolRows.BindKey(Sql, insertKey, userPoolId, key);
            _ = await insertKey.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return true;
    }

    public async Task<int> DeleteRetiringSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(UserPoolRows.DeleteRetiringKeys);
        Sql.Text(delete, "@pool", userPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return deleted;
    }
}
