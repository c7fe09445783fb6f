using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteProviderLinkStore(SqliteConnectionFactory db) : IProviderLinkStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, ProviderLinkRows.Insert, ct);

    public Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, ProviderLinkRows.Delete, ct);

    public async Task<StoredProviderLink?> FindAsync(
        string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(ProviderLinkRows.Find);
        ProviderLinkRows.LinkKey(Sql, select, userPoolId, providerName, providerAttributeName, providerAttributeValue);
        return await Sql.ReadFirstAsync(select, ProviderLinkRows.Read, ct);
    }

    public async Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(ProviderLinkRows.ListForUser);
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        return await Sql.ReadAllAsync(select, ProviderLinkRows.Read, ct);
    }

    public async Task<CreateResult> CreateAsync(StoredProviderLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(ProviderLinkRows.Insert);
        ProviderLinkRows.Bind(Sql, insert, link);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    private async Task<LinkChangeResult> ChangeAsync(StoredProviderLink link, StoredUser user, string linkSql, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(user);
        await using var write = await db.BeginWriteAsync(ct);
        using (var update = write.Command(ProviderLinkRows.UpdateUser))
        {
            ProviderLinkRows.BindUser(Sql, update, user);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.UserChanged;
            }
        }

        using (var change = write.Command(linkSql))
        {
            ProviderLinkRows.Bind(Sql, change, link);
            if (await change.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.LinkConflict;
            }
        }

        await write.CommitAsync(ct);
        return LinkChangeResult.Changed;
    }
}
