using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlIdentityPoolStore(PostgreSqlCommands db) : IIdentityPoolStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    private const string ByLogin =
        $"SELECT {IdentityPoolRows.JoinedIdentityColumns} FROM identity_logins l JOIN identities i ON i.identity_id = l.identity_id " +
        IdentityPoolRows.ByLogin;

    public async Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var insert = db.CreateCommand(IdentityPoolRows.InsertPool);
        IdentityPoolRows.BindPool(Sql, insert, pool);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredIdentityPool?> FindPoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(IdentityPoolRows.FindPool);
        Sql.Text(select, "@id", identityPoolId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadPool, ct);
    }

    public async Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(IdentityPoolRows.ListPools(afterKey));
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, IdentityPoolRows.ReadPool, ct), limit, static p => p.IdentityPoolId);
    }

    public async Task<UpdateResult> UpdatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var update = db.CreateCommand(
            $"WITH updated AS ({IdentityPoolRows.UpdatePool} RETURNING 1) SELECT (SELECT count(*) FROM updated), {IdentityPoolRows.PoolExists};");
        IdentityPoolRows.BindPool(Sql, update, pool);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(IdentityPoolRows.DeletePool);
        Sql.Text(delete, "@id", identityPoolId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<StoredIdentity?> GetOrCreateIdentityAsync(StoredIdentity candidate, string? loginKey, string? provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (loginKey is not null && await FindIdentityByLoginAsync(candidate.IdentityPoolId, loginKey, ct) is { } existing)
        {
            return existing;
        }

        var stored = candidate with { Logins = loginKey is null ? [] : [provider ?? string.Empty] };
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(IdentityPoolRows.InsertIdentity, connection, transaction))
        {
            IdentityPoolRows.BindIdentity(Sql, insert, stored);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }

        if (loginKey is not null)
        {
            await using var link = new NpgsqlCommand(IdentityPoolRows.InsertLogin, connection, transaction);
            IdentityPoolRows.BindLogin(Sql, link, stored.IdentityPoolId, loginKey, provider ?? string.Empty, stored.IdentityId);
            if (await link.ExecuteNonQueryAsync(ct) == 0)
            {
                // Another node linked this login first (its commit is what blocked our insert): use its identity.
                await transaction.RollbackAsync(ct);
                return await FindIdentityByLoginAsync(candidate.IdentityPoolId, loginKey, ct);
            }
        }

        await transaction.CommitAsync(ct);
        return stored;
    }

    public async Task<StoredIdentity?> FindIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(IdentityPoolRows.FindIdentity);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    public async Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand(ByLogin);
        IdentityPoolRows.LoginKey(Sql, select, identityPoolId, loginKey);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    public async Task<LinkResult> LinkLoginAsync(string identityId, string loginKey, string provider, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var identity = await LockAsync(connection, transaction, identityId, ct);
        if (identity is null)
        {
            return LinkResult.IdentityNotFound;
        }

        await using (var link = new NpgsqlCommand(IdentityPoolRows.InsertLogin, connection, transaction))
        {
            IdentityPoolRows.BindLogin(Sql, link, identity.IdentityPoolId, loginKey, provider, identityId);
            if (await link.ExecuteNonQueryAsync(ct) == 0)
            {
                await transaction.RollbackAsync(ct);
                var holder = await FindIdentityByLoginAsync(identity.IdentityPoolId, loginKey, ct);
                return holder?.IdentityId == identityId ? LinkResult.AlreadyLinkedHere : LinkResult.LinkedToAnotherIdentity;
            }
        }

        await SetLoginsAsync(connection, transaction, identityId, IdentityPoolRows.WithProvider(identity, provider), now, ct);
        await transaction.CommitAsync(ct);
        return LinkResult.Linked;
    }

    public async Task<bool> UnlinkProviderAsync(string identityId, string provider, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var identity = await LockAsync(connection, transaction, identityId, ct);
        if (identity is null)
        {
            return false;
        }

        await using (var delete = new NpgsqlCommand(IdentityPoolRows.DeleteProviderLogins, connection, transaction))
        {
            Sql.Text(delete, "@identity", identityId);
            Sql.Text(delete, "@provider", provider);
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        await SetLoginsAsync(connection, transaction, identityId, [.. identity.Logins.Where(l => l != provider)], now, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> UnlinkLoginAsync(string identityId, string loginKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var identity = await LockAsync(connection, transaction, identityId, ct);
        if (identity is null)
        {
            return false;
        }

        await using (var delete = new NpgsqlCommand(IdentityPoolRows.DeleteLogin, connection, transaction))
        {
            Sql.Text(delete, "@identity", identityId);
            Sql.Text(delete, "@key", loginKey);
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        HashSet<string> remaining;
        await using (var providers = new NpgsqlCommand(IdentityPoolRows.Providers, connection, transaction))
        {
            Sql.Text(providers, "@id", identityId);
            remaining = await IdentityPoolRows.ReadProvidersAsync(providers, ct);
        }

        await SetLoginsAsync(connection, transaction, identityId, [.. identity.Logins.Where(remaining.Contains)], now, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> MergeIdentitiesAsync(string sourceIdentityId, string destinationIdentityId, DateTimeOffset now, CancellationToken ct)
    {
        if (sourceIdentityId == destinationIdentityId)
        {
            return false;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Lock both rows in id order so two merges of the same pair in opposite directions can't deadlock.
        var first = string.CompareOrdinal(sourceIdentityId, destinationIdentityId) < 0 ? sourceIdentityId : destinationIdentityId;
        var second = first == sourceIdentityId ? destinationIdentityId : sourceIdentityId;
        var lockedFirst = await LockAsync(connection, transaction, first, ct);
        var lockedSecond = await LockAsync(connection, transaction, second, ct);
        var source = first == sourceIdentityId ? lockedFirst : lockedSecond;
        var destination = first == sourceIdentityId ? lockedSecond : lockedFirst;
        if (source is null || destination is null || source.IdentityPoolId != destination.IdentityPoolId)
        {
            return false;
        }

        await using (var move = new NpgsqlCommand(IdentityPoolRows.MoveLogins, connection, transaction))
        {
            Sql.Text(move, "@destination", destinationIdentityId);
            Sql.Text(move, "@source", sourceIdentityId);
            _ = await move.ExecuteNonQueryAsync(ct);
        }

        await using (var delete = new NpgsqlCommand(IdentityPoolRows.DeleteIdentity, connection, transaction))
        {
            Sql.Text(delete, "@id", sourceIdentityId);
            _ = await delete.ExecuteNonQueryAsync(ct);
        }

        await SetLoginsAsync(connection, transaction, destinationIdentityId, IdentityPoolRows.MergeLogins(destination.Logins, source.Logins), now, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(IdentityPoolRows.ListLogins);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadAllAsync(select, IdentityPoolRows.ReadLogin, ct);
    }

    public async Task<Page<StoredIdentity>> ListIdentitiesAsync(string identityPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(IdentityPoolRows.ListIdentities(afterKey));
        Sql.Text(select, "@pool", identityPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, IdentityPoolRows.ReadIdentity, ct), limit, static i => i.IdentityId);
    }

    public async Task<bool> DeleteIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(IdentityPoolRows.DeleteIdentity);
        Sql.Text(delete, "@id", identityId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<StoredIdentity?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string identityId, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand($"{IdentityPoolRows.IdentityById} FOR UPDATE;", connection, transaction);
        Sql.Text(select, "@id", identityId);
        return await Sql.ReadFirstAsync(select, IdentityPoolRows.ReadIdentity, ct);
    }

    private static async Task SetLoginsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string identityId, IReadOnlyList<string> logins, DateTimeOffset now, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand(IdentityPoolRows.SetLogins, connection, transaction);
        IdentityPoolRows.BindLogins(Sql, update, identityId, logins, now);
        _ = await update.ExecuteNonQueryAsync(ct);
    }
}
