using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolClientStore(PostgreSqlCommands db) : IUserPoolClientStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var insert = db.CreateCommand(UserPoolClientRows.Insert);
        UserPoolClientRows.Bind(Sql, insert, client);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolClientRows.Find);
        Sql.Text(select, "@id", clientId);
        return await Sql.ReadFirstAsync(select, UserPoolClientRows.Read, ct);
    }

    public async Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolClientRows.FindWithPoolVersion);
        Sql.Text(select, "@id", clientId);
        return await Sql.ReadFirstAsync(select, UserPoolClientRows.ReadWithPoolVersion, ct);
    }

    public async Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(UserPoolClientRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserPoolClientRows.Read, ct), limit, static c => c.ClientId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var update = db.CreateCommand(
            $"WITH updated AS ({UserPoolClientRows.Update} RETURNING 1) SELECT (SELECT count(*) FROM updated), {UserPoolClientRows.Exists};");
        UserPoolClientRows.Bind(Sql, update, client);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(UserPoolClientRows.Delete);
        Sql.Text(delete, "@id", clientId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }
}
