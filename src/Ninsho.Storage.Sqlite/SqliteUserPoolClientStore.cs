using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserPoolClientStore(SqliteConnectionFactory db) : IUserPoolClientStore
{
    private const string Columns = "client_id, pool_id, name, created_at, modified_at, config_json, version";

    public async Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            $"INSERT INTO user_pool_clients ({Columns}) VALUES ($id, $pool, $name, $created, $modified, $config, $version) " +
            "ON CONFLICT (client_id) DO NOTHING;")
            .With("$id", client.ClientId)
            .With("$pool", client.UserPoolId)
            .With("$name", client.Name)
            .With("$created", client.CreatedAt)
            .With("$modified", client.ModifiedAt)
            .With("$config", client.ConfigJson)
            .With("$version", client.Version);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command($"SELECT {Columns} FROM user_pool_clients WHERE client_id = $id;").With("$id", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(
            "SELECT c.client_id, c.pool_id, c.name, c.created_at, c.modified_at, c.config_json, c.version, p.version " +
            "FROM user_pool_clients c JOIN user_pools p ON p.pool_id = c.pool_id WHERE c.client_id = $id;")
            .With("$id", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ClientWithPoolVersion(Read(reader), reader.GetInt64(7)) : null;
    }

    public async Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(afterKey is null
            ? $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = $pool ORDER BY client_id LIMIT $take;"
            : $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = $pool AND client_id > $after ORDER BY client_id LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$after", afterKey)
            .With("$take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var items = new List<StoredUserPoolClient>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(Read(reader));
        }

        return KeysetPage.From(items, limit, static c => c.ClientId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var write = await db.BeginWriteAsync(ct);

        // The pool is part of the key: a client never moves to another pool.
        using var update = write.Command(
            "UPDATE user_pool_clients SET name = $name, created_at = $created, modified_at = $modified, config_json = $config, version = $version + 1 " +
            "WHERE client_id = $id AND pool_id = $pool AND version = $version;")
            .With("$id", client.ClientId)
            .With("$pool", client.UserPoolId)
            .With("$name", client.Name)
            .With("$created", client.CreatedAt)
            .With("$modified", client.ModifiedAt)
            .With("$config", client.ConfigJson)
            .With("$version", client.Version);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command("SELECT EXISTS (SELECT 1 FROM user_pool_clients WHERE client_id = $id AND pool_id = $pool);")
            .With("$id", client.ClientId)
            .With("$pool", client.UserPoolId);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
    {
        // Foreign keys cascade to the client's refresh tokens.
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM user_pool_clients WHERE client_id = $id;").With("$id", clientId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static StoredUserPoolClient Read(SqliteDataReader reader, int at = 0) => new()
    {
        ClientId = reader.GetString(at),
        UserPoolId = reader.GetString(at + 1),
        Name = reader.GetString(at + 2),
        CreatedAt = reader.GetTimestamp(at + 3),
        ModifiedAt = reader.GetTimestamp(at + 4),
        ConfigJson = reader.GetString(at + 5),
        Version = reader.GetInt64(at + 6),
    };
}
