using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqlitePoolResourceStore(SqliteConnectionFactory db) : IPoolResourceStore
{
    private const string Columns = "pool_id, kind, name, body_json, created_at, modified_at, version";
    private const string Key = "pool_id = $pool AND kind = $kind AND name = $name";

    public async Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command(
            $"INSERT INTO pool_resources ({Columns}) VALUES ($pool, $kind, $name, $body, $created, $modified, $version) " +
            "ON CONFLICT (pool_id, kind, name) DO NOTHING;"), resource);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM pool_resources WHERE {Key};")
            .With("$pool", userPoolId)
            .With("$kind", kind)
            .With("$name", name);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var count = connection.Command("SELECT count(*) FROM pool_resources WHERE pool_id = $pool AND kind = $kind;")
            .With("$pool", userPoolId)
            .With("$kind", kind);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Columns} FROM pool_resources WHERE pool_id = $pool AND kind = $kind" +
            (afterKey is null ? "" : " AND name > $after") + " ORDER BY name LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$kind", kind)
            .With("$after", afterKey)
            .With("$take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var items = new List<StoredPoolResource>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(Read(reader));
        }

        return KeysetPage.From(items, limit, static r => r.Name);
    }

    public async Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = Bind(write.Command(
            $"UPDATE pool_resources SET body_json = $body, created_at = $created, modified_at = $modified, version = $version + 1 " +
            $"WHERE {Key} AND version = $version;"), resource);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT EXISTS (SELECT 1 FROM pool_resources WHERE {Key});")
            .With("$pool", resource.UserPoolId)
            .With("$kind", resource.Kind)
            .With("$name", resource.Name);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command($"DELETE FROM pool_resources WHERE {Key};")
            .With("$pool", userPoolId)
            .With("$kind", kind)
            .With("$name", name);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM pool_resources WHERE (pool_id, kind, name) IN " +
            "(SELECT pool_id, kind, name FROM pool_resources WHERE kind = $kind AND created_at < $before LIMIT $batch);",
            command => command.With("$kind", kind).With("$before", before),
            ct);

    private static SqliteCommand Bind(SqliteCommand command, StoredPoolResource resource) => command
        .With("$pool", resource.UserPoolId)
        .With("$kind", resource.Kind)
        .With("$name", resource.Name)
        .With("$body", resource.BodyJson)
        .With("$created", resource.CreatedAt)
        .With("$modified", resource.ModifiedAt)
        .With("$version", resource.Version);

    private static StoredPoolResource Read(SqliteDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        Kind = reader.GetString(1),
        Name = reader.GetString(2),
        BodyJson = reader.GetString(3),
        CreatedAt = reader.GetTimestamp(4),
        ModifiedAt = reader.GetTimestamp(5),
        Version = reader.GetInt64(6),
    };
}
