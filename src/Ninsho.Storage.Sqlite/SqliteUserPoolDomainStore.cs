using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserPoolDomainStore(SqliteConnectionFactory db) : IUserPoolDomainStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(UserPoolDomainRows.Insert);
        UserPoolDomainRows.Bind(Sql, insert, domain);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserPoolDomainRows.Find);
        Sql.Text(select, "@domain", domain);
        return await Sql.ReadFirstAsync(select, UserPoolDomainRows.Read, ct);
    }

    public async Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserPoolDomainRows.ListForPool);
        Sql.Text(select, "@pool", userPoolId);
        return await Sql.ReadAllAsync(select, UserPoolDomainRows.Read, ct);
    }

    public async Task<bool> UpdateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(UserPoolDomainRows.Update);
        UserPoolDomainRows.Bind(Sql, update, domain);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(UserPoolDomainRows.Delete);
        UserPoolDomainRows.Key(Sql, delete, userPoolId, domain);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }
}
