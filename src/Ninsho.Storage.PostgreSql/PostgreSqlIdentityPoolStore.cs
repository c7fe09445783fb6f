using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlIdentityPoolStore(PostgreSqlCommands db) : IIdentityPoolStore
{
    private const string PoolColumns = "identity_pool_id, name, config_json, created_at, modified_at, version";
    private const string IdentityColumns = "identity_id, identity_pool_id, logins_json, created_at, modified_at";
    private const string PrefixedIdentityColumns = "i.identity_id, i.identity_pool_id, i.logins_json, i.created_at, i.modified_at";

    private const string ByLogin =
        $"SELECT {PrefixedIdentityColumns} FROM identity_logins l JOIN identities i ON i.identity_id = l.identity_id " +
        "WHERE l.identity_pool_id = @pool AND l.login_key = @key;";

    public async Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO identity_pools ({PoolColumns}) VALUES (@id, @name, @config, @created, @modified, @version) " +
            "ON CONFLICT (identity_pool_id) DO NOTHING;"), pool);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredIdentityPool?> FindPoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {PoolColumns} FROM identity_pools WHERE identity_pool_id = @id;")
            .With("id", identityPoolId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadPool(reader) : null;
    }

    public async Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {PoolColumns} FROM identity_pools" + (afterKey is null ? "" : " WHERE identity_pool_id > @after") +
            " ORDER BY identity_pool_id LIMIT @take;")
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var pools = new List<StoredIdentityPool>();
        while (await reader.ReadAsync(ct))
        {
            pools.Add(ReadPool(reader));
        }

        return KeysetPage.From(pools, limit, static p => p.IdentityPoolId);
    }

    public async Task<UpdateResult> UpdatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var update = Bind(db.CreateCommand(
            "WITH updated AS (UPDATE identity_pools SET name = @name, config_json = @config, created_at = @created, " +
            "modified_at = @modified, version = @version + 1 WHERE identity_pool_id = @id AND version = @version RETURNING 1) " +
            "SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = @id);"), pool);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM identity_pools WHERE identity_pool_id = @id;").With("id", identityPoolId);
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
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO identities ({IdentityColumns}) SELECT @identity, @pool, @logins, @created, @modified " +
            "WHERE EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = @pool);", connection, transaction)
            .With("identity", stored.IdentityId)
            .With("pool", stored.IdentityPoolId)
            .With("logins", StringListJson.Serialize(stored.Logins))
            .WithTime("created", stored.CreatedAt)
            .WithTime("modified", stored.ModifiedAt))
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }

        if (loginKey is not null)
        {
            await using var link = new NpgsqlCommand(
                "INSERT INTO identity_logins (identity_pool_id, login_key, provider, identity_id) VALUES (@pool, @key, @provider, @identity) " +
                "ON CONFLICT (identity_pool_id, login_key) DO NOTHING;", connection, transaction)
                .With("pool", stored.IdentityPoolId)
                .With("key", loginKey)
                .With("provider", provider ?? string.Empty)
                .With("identity", stored.IdentityId);
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
        await using var select = db.CreateCommand($"SELECT {IdentityColumns} FROM identities WHERE identity_id = @id;").With("id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
    }

    public async Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand(ByLogin).With("pool", identityPoolId).With("key", loginKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
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

        await using (var link = new NpgsqlCommand(
            "INSERT INTO identity_logins (identity_pool_id, login_key, provider, identity_id) VALUES (@pool, @key, @provider, @identity) " +
            "ON CONFLICT (identity_pool_id, login_key) DO NOTHING;", connection, transaction)
            .With("pool", identity.IdentityPoolId)
            .With("key", loginKey)
            .With("provider", provider)
            .With("identity", identityId))
        {
            if (await link.ExecuteNonQueryAsync(ct) == 0)
            {
                await transaction.RollbackAsync(ct);
                var holder = await FindIdentityByLoginAsync(identity.IdentityPoolId, loginKey, ct);
                return holder?.IdentityId == identityId ? LinkResult.AlreadyLinkedHere : LinkResult.LinkedToAnotherIdentity;
            }
        }

        var logins = identity.Logins.Contains(provider, StringComparer.Ordinal) ? identity.Logins : [.. identity.Logins, provider];
        await SetLoginsAsync(connection, transaction, identityId, logins, now, ct);
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

        await using (var delete = new NpgsqlCommand(
            "DELETE FROM identity_logins WHERE identity_id = @identity AND provider = @provider;", connection, transaction)
            .With("identity", identityId)
            .With("provider", provider))
        {
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

        await using (var delete = new NpgsqlCommand(
            "DELETE FROM identity_logins WHERE identity_id = @identity AND login_key = @key;", connection, transaction)
            .With("identity", identityId)
            .With("key", loginKey))
        {
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        var remaining = await ProvidersAsync(connection, transaction, identityId, ct);
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

        await using (var move = new NpgsqlCommand(
            "UPDATE identity_logins SET identity_id = @destination WHERE identity_id = @source;", connection, transaction)
            .With("destination", destinationIdentityId)
            .With("source", sourceIdentityId))
        {
            _ = await move.ExecuteNonQueryAsync(ct);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM identities WHERE identity_id = @id;", connection, transaction).With("id", sourceIdentityId))
        {
            _ = await delete.ExecuteNonQueryAsync(ct);
        }

        await SetLoginsAsync(connection, transaction, destinationIdentityId, IdentityLoginLists.Merge(destination.Logins, source.Logins), now, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT login_key, provider FROM identity_logins WHERE identity_id = @id ORDER BY login_key;").With("id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var logins = new List<IdentityLogin>();
        while (await reader.ReadAsync(ct))
        {
            logins.Add(new IdentityLogin(reader.GetString(0), reader.GetString(1)));
        }

        return logins;
    }

    public async Task<Page<StoredIdentity>> ListIdentitiesAsync(string identityPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {IdentityColumns} FROM identities WHERE identity_pool_id = @pool" +
            (afterKey is null ? "" : " AND identity_id > @after") + " ORDER BY identity_id LIMIT @take;")
            .With("pool", identityPoolId)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var identities = new List<StoredIdentity>();
        while (await reader.ReadAsync(ct))
        {
            identities.Add(ReadIdentity(reader));
        }

        return KeysetPage.From(identities, limit, static i => i.IdentityId);
    }

    public async Task<bool> DeleteIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM identities WHERE identity_id = @id;").With("id", identityId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<StoredIdentity?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string identityId, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT {IdentityColumns} FROM identities WHERE identity_id = @id FOR UPDATE;", connection, transaction)
            .With("id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
    }

    private static async Task<HashSet<string>> ProvidersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string identityId, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand(
            "SELECT DISTINCT provider FROM identity_logins WHERE identity_id = @id;", connection, transaction).With("id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var providers = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            _ = providers.Add(reader.GetString(0));
        }

        return providers;
    }

    private static async Task SetLoginsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string identityId, IReadOnlyList<string> logins, DateTimeOffset now, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE identities SET logins_json = @logins, modified_at = @modified WHERE identity_id = @id;", connection, transaction)
            .With("logins", StringListJson.Serialize(logins))
            .WithTime("modified", now)
            .With("id", identityId);
        _ = await update.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredIdentityPool pool) => command
        .With("id", pool.IdentityPoolId)
        .With("name", pool.Name)
        .With("config", pool.ConfigJson)
        .WithTime("created", pool.CreatedAt)
        .WithTime("modified", pool.ModifiedAt)
        .With("version", pool.Version);

    private static StoredIdentityPool ReadPool(NpgsqlDataReader reader) => new()
    {
        IdentityPoolId = reader.GetString(0),
        Name = reader.GetString(1),
        ConfigJson = reader.GetString(2),
        CreatedAt = reader.GetTimestamp(3),
        ModifiedAt = reader.GetTimestamp(4),
        Version = reader.GetInt64(5),
    };

    private static StoredIdentity ReadIdentity(NpgsqlDataReader reader) => new()
    {
        IdentityId = reader.GetString(0),
        IdentityPoolId = reader.GetString(1),
        Logins = StringListJson.Parse(reader.GetString(2)),
        CreatedAt = reader.GetTimestamp(3),
        ModifiedAt = reader.GetTimestamp(4),
    };
}
