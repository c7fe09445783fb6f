using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlResourceServerStore(PostgreSqlCommands db) : IResourceServerStore
{
    private const string Columns = "pool_id, identifier, name, scopes_json, created_at, modified_at";

    public async Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO resource_servers ({Columns}) VALUES (@pool, @id, @name, @scopes, @created, @modified) " +
            "ON CONFLICT (pool_id, identifier) DO NOTHING;"), server);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var count = db.CreateCommand("SELECT count(*) FROM resource_servers WHERE pool_id = @pool;").With("pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool AND identifier = @id;")
            .With("pool", userPoolId)
            .With("id", identifier);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(afterKey is null
            ? $"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool ORDER BY identifier LIMIT @take;"
            : $"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool AND identifier > @after ORDER BY identifier LIMIT @take;")
            .With("pool", userPoolId)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var servers = new List<StoredResourceServer>();
        while (await reader.ReadAsync(ct))
        {
            servers.Add(Read(reader));
        }

        return KeysetPage.From(servers, limit, static s => s.Identifier);
    }

    public async Task<bool> UpdateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var update = Bind(db.CreateCommand(
            "UPDATE resource_servers SET name = @name, scopes_json = @scopes, modified_at = @modified " +
            "WHERE pool_id = @pool AND identifier = @id;"), server);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM resource_servers WHERE pool_id = @pool AND identifier = @id;")
            .With("pool", userPoolId)
            .With("id", identifier);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredResourceServer server) => command
        .With("pool", server.UserPoolId)
        .With("id", server.Identifier)
        .With("name", server.Name)
        .With("scopes", server.ScopesJson)
        .WithTime("created", server.CreatedAt)
        .WithTime("modified", server.ModifiedAt);

    private static StoredResourceServer Read(NpgsqlDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        Identifier = reader.GetString(1),
        Name = reader.GetString(2),
        ScopesJson = reader.GetString(3),
        CreatedAt = reader.GetTimestamp(4),
        ModifiedAt = reader.GetTimestamp(5),
    };
}
