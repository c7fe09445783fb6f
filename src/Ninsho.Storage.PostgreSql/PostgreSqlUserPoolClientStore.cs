using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolClientStore(PostgreSqlCommands db) : IUserPoolClientStore
{
    private const string Columns = "client_id, pool_id, name, created_at, modified_at, config_json, version";

    public async Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var insert = db.CreateCommand(
            $"INSERT INTO user_pool_clients ({Columns}) VALUES (@id, @pool, @name, @created, @modified, @config, @version) " +
            "ON CONFLICT (client_id) DO NOTHING;")
            .With("id", client.ClientId)
            .With("pool", client.UserPoolId)
            .With("name", client.Name)
            .WithTime("created", client.CreatedAt)
            .WithTime("modified", client.ModifiedAt)
            .With("config", client.ConfigJson)
            .With("version", client.Version);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_pool_clients WHERE client_id = @id;").With("id", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT c.client_id, c.pool_id, c.name, c.created_at, c.modified_at, c.config_json, c.version, p.version " +
            "FROM user_pool_clients c JOIN user_pools p ON p.pool_id = c.pool_id WHERE c.client_id = @id;")
            .With("id", clientId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ClientWithPoolVersion(Read(reader), reader.GetInt64(7)) : null;
    }

    public async Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(afterKey is null
            ? $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = @pool ORDER BY client_id LIMIT @take;"
            : $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = @pool AND client_id > @after ORDER BY client_id LIMIT @take;")
            .With("pool", userPoolId)
            .WithText("after", afterKey)
            .With("take", limit + 1);
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

        // The pool is part of the key: a client never moves to another pool.
        await using var update = db.CreateCommand(
            "WITH updated AS (UPDATE user_pool_clients SET name = @name, created_at = @created, modified_at = @modified, config_json = @config, " +
            "version = @version + 1 WHERE client_id = @id AND pool_id = @pool AND version = @version RETURNING 1) " +
            "SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM user_pool_clients WHERE client_id = @id AND pool_id = @pool);")
            .With("id", client.ClientId)
            .With("pool", client.UserPoolId)
            .With("name", client.Name)
            .WithTime("created", client.CreatedAt)
            .WithTime("modified", client.ModifiedAt)
            .With("config", client.ConfigJson)
            .With("version", client.Version);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
    {
        // Foreign keys cascade to the client's refresh tokens.
        await using var delete = db.CreateCommand("DELETE FROM user_pool_clients WHERE client_id = @id;").With("id", clientId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static StoredUserPoolClient Read(NpgsqlDataReader reader, int at = 0) => new()
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
