using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteResourceServerStore(SqliteConnectionFactory db) : IResourceServerStore
{
    private const string Columns = "pool_id, identifier, name, scopes_json, created_at, modified_at";

    public async Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command(
            $"INSERT INTO resource_servers ({Columns}) VALUES ($pool, $id, $name, $scopes, $created, $modified) " +
            "ON CONFLICT (pool_id, identifier) DO NOTHING;"), server);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var count = connection.Command("SELECT count(*) FROM resource_servers WHERE pool_id = $pool;").With("$pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM resource_servers WHERE pool_id = $pool AND identifier = $id;")
            .With("$pool", userPoolId)
            .With("$id", identifier);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(afterKey is null
            ? $"SELECT {Columns} FROM resource_servers WHERE pool_id = $pool ORDER BY identifier LIMIT $take;"
            : $"SELECT {Columns} FROM resource_servers WHERE pool_id = $pool AND identifier > $after ORDER BY identifier LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$after", afterKey)
            .With("$take", limit + 1);
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
        await using var write = await db.BeginWriteAsync(ct);
        using var update = Bind(write.Command(
            "UPDATE resource_servers SET name = $name, scopes_json = $scopes, modified_at = $modified " +
            "WHERE pool_id = $pool AND identifier = $id;"), server);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM resource_servers WHERE pool_id = $pool AND identifier = $id;")
            .With("$pool", userPoolId)
            .With("$id", identifier);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredResourceServer server) => command
        .With("$pool", server.UserPoolId)
        .With("$id", server.Identifier)
        .With("$name", server.Name)
        .With("$scopes", server.ScopesJson)
        .With("$created", server.CreatedAt)
        .With("$modified", server.ModifiedAt);

    private static StoredResourceServer Read(SqliteDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        Identifier = reader.GetString(1),
        Name = reader.GetString(2),
        ScopesJson = reader.GetString(3),
        CreatedAt = reader.GetTimestamp(4),
        ModifiedAt = reader.GetTimestamp(5),
    };
}
