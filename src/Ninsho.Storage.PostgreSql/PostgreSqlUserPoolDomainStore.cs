using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolDomainStore(PostgreSqlCommands db) : IUserPoolDomainStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var insert = db.CreateCommand(UserPoolDomainRows.Insert);
        UserPoolDomainRows.Bind(Sql, insert, domain);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolDomainRows.Find);
        Sql.Text(select, "@domain", domain);
        return await Sql.ReadFirstAsync(select, UserPoolDomainRows.Read, ct);
    }

    public async Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserPoolDomainRows.ListForPool);
        Sql.Text(select, "@pool", userPoolId);
        return await Sql.ReadAllAsync(select, UserPoolDomainRows.Read, ct);
    }

    public async Task<bool> UpdateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var update = db.CreateCommand(UserPoolDomainRows.Update);
        UserPoolDomainRows.Bind(Sql, update, domain);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(UserPoolDomainRows.Delete);
        UserPoolDomainRows.Key(Sql, delete, userPoolId, domain);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }
}
