using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteIdentityPoolStore(SqliteConnectionFactory db) : IIdentityPoolStore
{
    private const string PoolColumns = "identity_pool_id, name, config_json, created_at, modified_at, version";
    private const string IdentityColumns = "identity_id, identity_pool_id, logins_json, created_at, modified_at";

    public async Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command(
            $"INSERT INTO identity_pools ({PoolColumns}) VALUES ($id, $name, $config, $created, $modified, $version) " +
            "ON CONFLICT (identity_pool_id) DO NOTHING;"), pool);
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
        using var select = connection.Command($"SELECT {PoolColumns} FROM identity_pools WHERE identity_pool_id = $id;")
            .With("$id", identityPoolId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadPool(reader) : null;
    }

    public async Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {PoolColumns} FROM identity_pools" + (afterKey is null ? "" : " WHERE identity_pool_id > $after") +
            " ORDER BY identity_pool_id LIMIT $take;")
            .With("$after", afterKey)
            .With("$take", limit + 1);
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
        await using var write = await db.BeginWriteAsync(ct);
        using var update = Bind(write.Command(
            "UPDATE identity_pools SET name = $name, config_json = $config, created_at = $created, modified_at = $modified, " +
            "version = $version + 1 WHERE identity_pool_id = $id AND version = $version;"), pool);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command("SELECT EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = $id);")
            .With("$id", pool.IdentityPoolId);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct)
    {
        // Foreign keys cascade to identities and their logins.
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM identity_pools WHERE identity_pool_id = $id;").With("$id", identityPoolId);
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

        using var pool = write.Command("SELECT EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = $id);")
            .With("$id", candidate.IdentityPoolId);
        if ((long)(await pool.ExecuteScalarAsync(ct))! == 0)
        {
            return null;
        }

        var stored = candidate with { Logins = loginKey is null ? [] : [provider ?? string.Empty] };
        using var insert = write.Command(
            $"INSERT INTO identities ({IdentityColumns}) VALUES ($identity, $pool, $logins, $created, $modified);")
            .With("$identity", stored.IdentityId)
            .With("$pool", stored.IdentityPoolId)
            .With("$logins", StringListJson.Serialize(stored.Logins))
            .With("$created", stored.CreatedAt)
            .With("$modified", stored.ModifiedAt);
        _ = await insert.ExecuteNonQueryAsync(ct);
        if (loginKey is not null)
        {
            using var link = write.Command(
                "INSERT INTO identity_logins (identity_pool_id, login_key, provider, identity_id) VALUES ($pool, $key, $provider, $identity);")
                .With("$pool", stored.IdentityPoolId)
                .With("$key", loginKey)
                .With("$provider", provider ?? string.Empty)
                .With("$identity", stored.IdentityId);
            _ = await link.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
        return stored;
    }

    public async Task<StoredIdentity?> FindIdentityAsync(string identityId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {IdentityColumns} FROM identities WHERE identity_id = $id;").With("$id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
    }

    public async Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Prefixed("i")} FROM identity_logins l CROSS JOIN identities i ON i.identity_id = l.identity_id " +
            "WHERE l.identity_pool_id = $pool AND l.login_key = $key;")
            .With("$pool", identityPoolId)
            .With("$key", loginKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
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

        using var link = write.Command(
            "INSERT INTO identity_logins (identity_pool_id, login_key, provider, identity_id) VALUES ($pool, $key, $provider, $identity);")
            .With("$pool", identity.IdentityPoolId)
            .With("$key", loginKey)
            .With("$provider", provider)
            .With("$identity", identityId);
        _ = await link.ExecuteNonQueryAsync(ct);
        var logins = identity.Logins.Contains(provider, StringComparer.Ordinal) ? identity.Logins : [.. identity.Logins, provider];
        await SetLoginsAsync(write, identityId, logins, now, ct);
        await write.CommitAsync(ct);
        return LinkResult.Linked;
    }

    public async Task<bool> UnlinkProviderAsync(string identityId, string provider, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM identity_logins WHERE identity_id = $identity AND provider = $provider;")
            .With("$identity", identityId)
            .With("$provider", provider);
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
        using var delete = write.Command("DELETE FROM identity_logins WHERE identity_id = $identity AND login_key = $key;")
            .With("$identity", identityId)
            .With("$key", loginKey);
        if (await delete.ExecuteNonQueryAsync(ct) == 0 || await FindAsync(write, identityId, ct) is not { } identity)
        {
            return false;
        }

        var remaining = await ProvidersAsync(write, identityId, ct);
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

        using (var move = write.Command("UPDATE identity_logins SET identity_id = $destination WHERE identity_id = $source;")
            .With("$destination", destinationIdentityId)
            .With("$source", sourceIdentityId))
        {
            _ = await move.ExecuteNonQueryAsync(ct);
        }

        using (var delete = write.Command("DELETE FROM identities WHERE identity_id = $id;").With("$id", sourceIdentityId))
        {
            _ = await delete.ExecuteNonQueryAsync(ct);
        }

        await SetLoginsAsync(write, destinationIdentityId, IdentityLoginLists.Merge(destination.Logins, source.Logins), now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            "SELECT login_key, provider FROM identity_logins WHERE identity_id = $id ORDER BY login_key;").With("$id", identityId);
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
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {IdentityColumns} FROM identities WHERE identity_pool_id = $pool" +
            (afterKey is null ? "" : " AND identity_id > $after") + " ORDER BY identity_id LIMIT $take;")
            .With("$pool", identityPoolId)
            .With("$after", afterKey)
            .With("$take", limit + 1);
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
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM identities WHERE identity_id = $id;").With("$id", identityId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static string Prefixed(string alias) =>
        string.Join(", ", IdentityColumns.Split(", ").Select(c => alias + "." + c));

    private static async Task<StoredIdentity?> FindAsync(SqliteWrite write, string identityId, CancellationToken ct)
    {
        using var select = write.Command($"SELECT {IdentityColumns} FROM identities WHERE identity_id = $id;").With("$id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
    }

    private static async Task<StoredIdentity?> FindByLoginAsync(SqliteWrite write, string poolId, string loginKey, CancellationToken ct)
    {
        using var select = write.Command(
            $"SELECT {Prefixed("i")} FROM identity_logins l CROSS JOIN identities i ON i.identity_id = l.identity_id " +
            "WHERE l.identity_pool_id = $pool AND l.login_key = $key;")
            .With("$pool", poolId)
            .With("$key", loginKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadIdentity(reader) : null;
    }

    private static async Task<HashSet<string>> ProvidersAsync(SqliteWrite write, string identityId, CancellationToken ct)
    {
        using var select = write.Command("SELECT DISTINCT provider FROM identity_logins WHERE identity_id = $id;").With("$id", identityId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var providers = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            _ = providers.Add(reader.GetString(0));
        }

        return providers;
    }

    private static async Task SetLoginsAsync(SqliteWrite write, string identityId, IReadOnlyList<string> logins, DateTimeOffset now, CancellationToken ct)
    {
        using var update = write.Command("UPDATE identities SET logins_json = $logins, modified_at = $modified WHERE identity_id = $id;")
            .With("$logins", StringListJson.Serialize(logins))
            .With("$modified", now)
            .With("$id", identityId);
        _ = await update.ExecuteNonQueryAsync(ct);
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredIdentityPool pool) => command
        .With("$id", pool.IdentityPoolId)
        .With("$name", pool.Name)
        .With("$config", pool.ConfigJson)
        .With("$created", pool.CreatedAt)
        .With("$modified", pool.ModifiedAt)
        .With("$version", pool.Version);

    private static StoredIdentityPool ReadPool(SqliteDataReader reader) => new()
    {
        IdentityPoolId = reader.GetString(0),
        Name = reader.GetString(1),
        ConfigJson = reader.GetString(2),
        CreatedAt = reader.GetTimestamp(3),
        ModifiedAt = reader.GetTimestamp(4),
        Version = reader.GetInt64(5),
    };

    private static StoredIdentity ReadIdentity(SqliteDataReader reader) => new()
    {
        IdentityId = reader.GetString(0),
        IdentityPoolId = reader.GetString(1),
        Logins = StringListJson.Parse(reader.GetString(2)),
        CreatedAt = reader.GetTimestamp(3),
        ModifiedAt = reader.GetTimestamp(4),
    };
}
