using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteIdentityPoolStore(SqliteConnectionFactory db) : IIdentityPoolStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    private const string ByLogin =
        $"SELECT {IdentityPoolRows.JoinedIdentityColumns} FROM identity_logins l CROSS JOIN identities i ON i.identity_id = l.identity_id " +
        IdentityPoolRows.ByLogin;

    public async Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(IdentityPoolRows.InsertPool);
        IdentityPoolRows.BindPool(Sql, insert, pool);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredIdentityPool?> FindPoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(IdentityPoolRows.FindPool);
        Sql.Text(select, "@id", identityPoolId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadPool, ct);
    }

    public async Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(IdentityPoolRows.ListPools(afterKey));
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, IdentityPoolRows.ReadPool, ct), limit, static p => p.IdentityPoolId);
    }

    public async Task<UpdateResult> UpdatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(IdentityPoolRows.UpdatePool + ";");
        IdentityPoolRows.BindPool(Sql, update, pool);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {IdentityPoolRows.PoolExists};");
        Sql.Text(exists, "@id", pool.IdentityPoolId);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(IdentityPoolRows.DeletePool);
        Sql.Text(delete, "@id", identityPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<StoredIdentity?> GetOrCreateIdentityAsync(StoredIdentity candidate, string? loginKey, string? provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await using var write = await db.BeginWriteAsync(ct);
        if (loginKey is not null && await FindByLoginAsync(write, candidate.IdentityPoolId, loginKey, ct) is { } existing)
        {
            return existing;
        }

        var stored = candidate with { Logins = loginKey is null ? [] : [provider ?? string.Empty] };
        using var insert = write.Command(IdentityPoolRows.InsertIdentity);
        IdentityPoolRows.BindIdentity(Sql, insert, stored);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return null;
        }

        if (loginKey is not null)
        {
            // The write transaction holds the database and no row held this login above: the insert cannot conflict.
            using var link = write.Command(IdentityPoolRows.InsertLogin);
            IdentityPoolRows.BindLogin(Sql, link, stored.IdentityPoolId, loginKey, provider ?? string.Empty, stored.IdentityId);
            _ = await link.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return stored;
    }

    public async Task<StoredIdentity?> FindIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(IdentityPoolRows.FindIdentity);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    public async Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(ByLogin);
        IdentityPoolRows.LoginKey(Sql, select, identityPoolId, loginKey);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    public async Task<LinkResult> LinkLoginAsync(string identityId, string loginKey, string provider, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var identity = await FindAsync(write, identityId, ct);
        if (identity is null)
        {
            return LinkResult.IdentityNotFound;
        }

        if (await FindByLoginAsync(write, identity.IdentityPoolId, loginKey, ct) is { } holder)
        {
            return holder.IdentityId == identityId ? LinkResult.AlreadyLinkedHere : LinkResult.LinkedToAnotherIdentity;
        }

        using var link = write.Command(IdentityPoolRows.InsertLogin);
        IdentityPoolRows.BindLogin(Sql, link, identity.IdentityPoolId, loginKey, provider, identityId);
        _ = await link.ExecuteNonQueryAsync(ct);
        await SetLoginsAsync(write, identityId, IdentityPoolRows.WithProvider(identity, provider), now, ct);
        await write.CommitAsync(ct);
        return LinkResult.Linked;
    }

    public async Task<bool> UnlinkProviderAsync(string identityId, string provider, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(IdentityPoolRows.DeleteProviderLogins);
        Sql.Text(delete, "@identity", identityId);
        Sql.Text(delete, "@provider", provider);
        if (await delete.ExecuteNonQueryAsync(ct) == 0 || await FindAsync(write, identityId, ct) is not { } identity)
        {
            return false;
        }

        await SetLoginsAsync(write, identityId, [.. identity.Logins.Where(l => l != provider)], now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<bool> UnlinkLoginAsync(string identityId, string loginKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(IdentityPoolRows.DeleteLogin);
        Sql.Text(delete, "@identity", identityId);
        Sql.Text(delete, "@key", loginKey);
        if (await delete.ExecuteNonQueryAsync(ct) == 0 || await FindAsync(write, identityId, ct) is not { } identity)
        {
            return false;
        }

        using var providers = write.Command(IdentityPoolRows.Providers);
        Sql.Text(providers, "@id", identityId);
        var remaining = await IdentityPoolRows.ReadProvidersAsync(providers, ct);
        await SetLoginsAsync(write, identityId, [.. identity.Logins.Where(remaining.Contains)], now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<bool> MergeIdentitiesAsync(string sourceIdentityId, string destinationIdentityId, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var source = await FindAsync(write, sourceIdentityId, ct);
        var destination = await FindAsync(write, destinationIdentityId, ct);
        if (source is null || destination is null || source.IdentityPoolId != destination.IdentityPoolId || source.IdentityId == destination.IdentityId)
        {
            return false;
        }

        using (var move = write.Command(IdentityPoolRows.MoveLogins))
        {
            Sql.Text(move, "@destination", destinationIdentityId);
            Sql.Text(move, "@source", sourceIdentityId);
            _ = await move.ExecuteNonQueryAsync(ct);
        }

        using (var delete = write.Command(IdentityPoolRows.DeleteIdentity))
        {
            Sql.Text(delete, "@id", sourceIdentityId);
            _ = await delete.ExecuteNonQueryAsync(ct);
        }

        await SetLoginsAsync(write, destinationIdentityId, IdentityPoolRows.MergeLogins(destination.Logins, source.Logins), now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(IdentityPoolRows.ListLogins);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadAllAsync(select, IdentityPoolRows.ReadLogin, ct);
    }

    public async Task<Page<StoredIdentity>> ListIdentitiesAsync(string identityPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(IdentityPoolRows.ListIdentities(afterKey));
        Sql.Text(select, "@pool", identityPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, IdentityPoolRows.ReadIdentity, ct), limit, static i => i.IdentityId);
    }

    public async Task<bool> DeleteIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(IdentityPoolRows.DeleteIdentity);
        Sql.Text(delete, "@id", identityId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static async Task<StoredIdentity?> FindAsync(SqliteWrite write, string identityId, CancellationToken ct)
    {
        using var select = write.Command(IdentityPoolRows.FindIdentity);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    private static async Task<StoredIdentity?> FindByLoginAsync(SqliteWrite write, string poolId, string loginKey, CancellationToken ct)
    {
        using var select = write.Command(ByLogin);
        IdentityPoolRows.LoginKey(Sql, select, poolId, loginKey);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    private static async Task SetLoginsAsync(SqliteWrite write, string identityId, IReadOnlyList<string> logins, DateTimeOffset now, CancellationToken ct)
    {
        using var update = write.Command(IdentityPoolRows.SetLogins);
        IdentityPoolRows.BindLogins(Sql, update, identityId, logins, now);
        _ = await update.ExecuteNonQueryAsync(ct);
    }
}
