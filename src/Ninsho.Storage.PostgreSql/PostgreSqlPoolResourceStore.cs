using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlPoolResourceStore(PostgreSqlCommands db) : IPoolResourceStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var insert = db.CreateCommand(PoolResourceRows.Insert);
        PoolResourceRows.Bind(Sql, insert, resource);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var select = db.CreateCommand(PoolResourceRows.Find);
        PoolResourceRows.BindKey(Sql, select, userPoolId, kind, name);
        return await Sql.ReadFirstAsync(select, PoolResourceRows.Read, ct);
    }

    public async Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct)
    {
        await using var count = db.CreateCommand(PoolResourceRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        Sql.Text(count, "@kind", kind);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(PoolResourceRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@kind", kind);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, PoolResourceRows.Read, ct), limit, static r => r.Name);
    }

    public async Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var update = db.CreateCommand(
            $"WITH updated AS ({PoolResourceRows.Update} RETURNING 1) SELECT (SELECT count(*) FROM updated), {PoolResourceRows.Exists};");
        PoolResourceRows.Bind(Sql, update, resource);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(PoolResourceRows.Delete);
        PoolResourceRows.BindKey(Sql, delete, userPoolId, kind, name);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(PoolResourceRows.DeleteCreatedBefore, command => PoolResourceRows.BindPurge(Sql, command, kind, before), ct);
}
