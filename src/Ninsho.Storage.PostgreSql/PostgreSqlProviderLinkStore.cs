using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlProviderLinkStore(PostgreSqlCommands db) : IProviderLinkStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, ProviderLinkRows.Insert, ct);

    public Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, ProviderLinkRows.Delete, ct);

    public async Task<StoredProviderLink?> FindAsync(
        string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct)
    {
        await using var select = db.CreateCommand(ProviderLinkRows.Find);
        ProviderLinkRows.LinkKey(Sql, select, userPoolId, providerName, providerAttributeName, providerAttributeValue);
        return await Sql.ReadFirstAsync(select, ProviderLinkRows.Read, ct);
    }

    public async Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand(ProviderLinkRows.ListForUser);
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        return await Sql.ReadAllAsync(select, ProviderLinkRows.Read, ct);
    }

    public async Task<CreateResult> CreateAsync(StoredProviderLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var insert = db.CreateCommand(ProviderLinkRows.Insert);
        ProviderLinkRows.Bind(Sql, insert, link);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    private async Task<LinkChangeResult> ChangeAsync(StoredProviderLink link, StoredUser user, string linkSql, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var update = new NpgsqlCommand(ProviderLinkRows.UpdateUser, connection, transaction))
        {
            ProviderLinkRows.BindUser(Sql, update, user);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.UserChanged;
            }
        }

        await using (var change = new NpgsqlCommand(linkSql, connection, transaction))
        {
            ProviderLinkRows.Bind(Sql, change, link);
            if (await change.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.LinkConflict;
            }
        }

        await transaction.CommitAsync(ct);
        return LinkChangeResult.Changed;
    }
}
