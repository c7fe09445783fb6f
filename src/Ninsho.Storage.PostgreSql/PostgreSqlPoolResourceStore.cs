using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlPoolResourceStore(PostgreSqlCommands db) : IPoolResourceStore
{
    private const string Columns = "pool_id, kind, name, body_json, created_at, modified_at, version";
    private const string Key = "pool_id = @pool AND kind = @kind AND name = @name";

    public async Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO pool_resources ({Columns}) VALUES (@pool, @kind, @name, @body, @created, @modified, @version) " +
            "ON CONFLICT (pool_id, kind, name) DO NOTHING;"), resource);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM pool_resources WHERE {Key};")
            .With("pool", userPoolId)
            .With("kind", kind)
            .With("name", name);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct)
    {
        await using var count = db.CreateCommand("SELECT count(*) FROM pool_resources WHERE pool_id = @pool AND kind = @kind;")
            .With("pool", userPoolId)
            .With("kind", kind);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM pool_resources WHERE pool_id = @pool AND kind = @kind" +
            (afterKey is null ? "" : " AND name > @after") + " ORDER BY name LIMIT @take;")
            .With("pool", userPoolId)
            .With("kind", kind)
            .WithText("after", afterKey)
            .With("take", limit + 1);
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
        await using var update = Bind(db.CreateCommand(
            "WITH updated AS (UPDATE pool_resources SET body_json = @body, created_at = @created, modified_at = @modified, " +
            $"version = @version + 1 WHERE {Key} AND version = @version RETURNING 1) " +
            $"SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM pool_resources WHERE {Key});"), resource);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct)
    {
        await using var delete = db.CreateCommand($"DELETE FROM pool_resources WHERE {Key};")
            .With("pool", userPoolId)
            .With("kind", kind)
            .With("name", name);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM pool_resources WHERE (pool_id, kind, name) IN " +
            "(SELECT pool_id, kind, name FROM pool_resources WHERE kind = @kind AND created_at < @before LIMIT @batch);",
            command => command.With("kind", kind).WithTime("before", before),
            ct);

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredPoolResource resource) => command
        .With("pool", resource.UserPoolId)
        .With("kind", resource.Kind)
        .With("name", resource.Name)
        .With("body", resource.BodyJson)
        .WithTime("created", resource.CreatedAt)
        .WithTime("modified", resource.ModifiedAt)
        .With("version", resource.Version);

    private static StoredPoolResource Read(NpgsqlDataReader reader) => new()
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
