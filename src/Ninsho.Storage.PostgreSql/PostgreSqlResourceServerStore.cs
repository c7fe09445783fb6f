using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlResourceServerStore(PostgreSqlCommands db) : IResourceServerStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var insert = db.CreateCommand(ResourceServerRows.Insert);
        ResourceServerRows.Bind(Sql, insert, server);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var count = db.CreateCommand(ResourceServerRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var select = db.CreateCommand(ResourceServerRows.Find);
        ResourceServerRows.Key(Sql, select, userPoolId, identifier);
        return await Sql.ReadFirstAsync(select, ResourceServerRows.Read, ct);
    }

    public async Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(ResourceServerRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, ResourceServerRows.Read, ct), limit, static s => s.Identifier);
    }

    public async Task<bool> UpdateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var update = db.CreateCommand(ResourceServerRows.Update);
        ResourceServerRows.Bind(Sql, update, server);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(ResourceServerRows.Delete);
        ResourceServerRows.Key(Sql, delete, userPoolId, identifier);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }
}
