using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolStore(PostgreSqlCommands db) : IUserPoolStore
{
    private const string Columns = "pool_id, name, created_at, modified_at, config_json, version";

    public async Task<CreateResult> CreateAsync(StoredUserPool pool, IReadOnlyList<StoredSigningKey> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(keys);

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO user_pools ({Columns}) VALUES (@id, @name, @created, @modified, @config, @version) ON CONFLICT (pool_id) DO NOTHING;",
            connection, transaction)
            .With("id", pool.Id)
            .With("name", pool.Name)
            .WithTime("created", pool.CreatedAt)
            .WithTime("modified", pool.ModifiedAt)
            .With("config", pool.ConfigJson)
            .With("version", pool.Version))
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return CreateResult.AlreadyExists;
            }
        }

        foreach (var key in keys)
        {
            await using var insertKey = new NpgsqlCommand(
                "INSERT INTO signing_keys (pool_id, key_id, key_use, private_key, created_at) VALUES (@pool, @kid, @use, @key, @created);",
                connection, transaction)
                .With("pool", pool.Id)
                .With("kid", key.KeyId)
                .With("use", key.Use)
                .With("key", key.PrivateKeyPkcs8)
                .WithTime("created", key.CreatedAt);
            _ = await insertKey.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPool?> FindAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_pools WHERE pool_id = @id;").With("id", userPoolId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredUserPool>> ListAsync(int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(afterKey is null
            ? $"SELECT {Columns} FROM user_pools ORDER BY pool_id LIMIT @take;"
            : $"SELECT {Columns} FROM user_pools WHERE pool_id > @after ORDER BY pool_id LIMIT @take;")
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var items = new List<StoredUserPool>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(Read(reader));
        }

        return KeysetPage.From(items, limit, static p => p.Id);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);

        // One statement: the update, and whether the row exists at all (to tell a conflict from a missing pool).
        await using var update = db.CreateCommand(
            "WITH updated AS (UPDATE user_pools SET name = @name, created_at = @created, modified_at = @modified, config_json = @config, " +
            "version = @version + 1 WHERE pool_id = @id AND version = @version RETURNING 1) " +
            "SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM user_pools WHERE pool_id = @id);")
            .With("id", pool.Id)
            .With("name", pool.Name)
            .WithTime("created", pool.CreatedAt)
            .WithTime("modified", pool.ModifiedAt)
            .With("config", pool.ConfigJson)
            .With("version", pool.Version);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, CancellationToken ct)
    {
        // Search rows go first (they have no foreign key); foreign keys cascade to keys, clients, users and tokens.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var search = new NpgsqlCommand("DELETE FROM user_search WHERE pool_id = @id;", connection, transaction).With("id", userPoolId))
        {
            _ = await search.ExecuteNonQueryAsync(ct);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM user_pools WHERE pool_id = @id;", connection, transaction).With("id", userPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await transaction.CommitAsync(ct);
        return deleted;
    }

    public async Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT key_id, key_use, private_key, created_at FROM signing_keys WHERE pool_id = @pool ORDER BY created_at, key_id;")
            .With("pool", userPoolId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var keys = new List<StoredSigningKey>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new StoredSigningKey
            {
                UserPoolId = userPoolId,
                KeyId = reader.GetString(0),
                Use = reader.GetString(1),
                PrivateKeyPkcs8 = reader.GetFieldValue<byte[]>(2),
                CreatedAt = reader.GetTimestamp(3),
            });
        }

        return keys;
    }

    private static StoredUserPool Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        CreatedAt = reader.GetTimestamp(2),
        ModifiedAt = reader.GetTimestamp(3),
        ConfigJson = reader.GetString(4),
        Version = reader.GetInt64(5),
    };
}
