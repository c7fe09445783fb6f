using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteResourceServerStore(SqliteConnectionFactory db) : IResourceServerStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(ResourceServerRows.Insert);
        ResourceServerRows.Bind(Sql, insert, server);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var count = connection.Command(ResourceServerRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(ResourceServerRows.Find);
        ResourceServerRows.Key(Sql, select, userPoolId, identifier);
        return await Sql.ReadFirstAsync(select, ResourceServerRows.Read, ct);
    }

    public async Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(ResourceServerRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, ResourceServerRows.Read, ct), limit, static s => s.Identifier);
    }

    public async Task<bool> UpdateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(ResourceServerRows.Update);
        ResourceServerRows.Bind(Sql, update, server);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(ResourceServerRows.Delete);
        ResourceServerRows.Key(Sql, delete, userPoolId, identifier);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }
}
