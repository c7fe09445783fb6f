using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserPoolClientStore(SqliteConnectionFactory db) : IUserPoolClientStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(UserPoolClientRows.Insert);
        UserPoolClientRows.Bind(Sql, insert, client);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(UserPoolClientRows.Find);
        Sql.Text(select, "@id", clientId);
        return await Sql.ReadFirstAsync(select, UserPoolClientRows.Read, ct);
    }

    public async Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(UserPoolClientRows.FindWithPoolVersion);
        Sql.Text(select, "@id", clientId);
        return await Sql.ReadFirstAsync(select, UserPoolClientRows.ReadWithPoolVersion, ct);
    }

    public async Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserPoolClientRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserPoolClientRows.Read, ct), limit, static c => c.ClientId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(UserPoolClientRows.Update + ";");
        UserPoolClientRows.Bind(Sql, update, client);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {UserPoolClientRows.Exists};");
        Sql.Text(exists, "@id", client.ClientId);
        Sql.Text(exists, "@pool", client.UserPoolId);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(UserPoolClientRows.Delete);
        Sql.Text(delete, "@id", clientId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }
}
