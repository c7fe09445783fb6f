using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqlitePoolResourceStore(SqliteConnectionFactory db) : IPoolResourceStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(PoolResourceRows.Insert);
        PoolResourceRows.Bind(Sql, insert, resource);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(PoolResourceRows.Find);
        PoolResourceRows.BindKey(Sql, select, userPoolId, kind, name);
        return await Sql.ReadFirstAsync(select, PoolResourceRows.Read, ct);
    }

    public async Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var count = connection.Command(PoolResourceRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        Sql.Text(count, "@kind", kind);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(PoolResourceRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@kind", kind);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, PoolResourceRows.Read, ct), limit, static r => r.Name);
    }

    public async Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(PoolResourceRows.Update + ";");
        PoolResourceRows.Bind(Sql, update, resource);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {PoolResourceRows.Exists};");
        PoolResourceRows.BindKey(Sql, exists, resource.UserPoolId, resource.Kind, resource.Name);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(PoolResourceRows.Delete);
        PoolResourceRows.BindKey(Sql, delete, userPoolId, kind, name);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(PoolResourceRows.DeleteCreatedBefore, command => PoolResourceRows.BindPurge(Sql, command, kind, before), ct);
}
