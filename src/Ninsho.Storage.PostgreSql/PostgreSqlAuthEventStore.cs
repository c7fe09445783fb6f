using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlAuthEventStore(PostgreSqlCommands db) : IAuthEventStore
{
    private const string Columns = "pool_id, username_key, event_id, event_type, event_response, created_at, detail";

    public async Task<bool> AddAsync(StoredAuthEvent authEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(authEvent);
        // FOR KEY SHARE: a concurrent delete of the user waits for this insert (and cascades to it), or wins first
        // and nothing is inserted.
        await using var insert = db.CreateCommand(
            $"INSERT INTO auth_events ({Columns}) SELECT @pool, @key, @id, @type, @response, @created, @detail " +
            "FROM users WHERE pool_id = @pool AND username_key = @key FOR KEY SHARE;")
            .With("pool", authEvent.UserPoolId)
            .With("key", authEvent.UsernameKey)
            .With("id", authEvent.EventId)
            .With("type", authEvent.EventType)
            .With("response", authEvent.EventResponse)
            .WithTime("created", authEvent.CreatedAt)
            .With("detail", authEvent.DetailJson);
        return await insert.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Page<StoredAuthEvent>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = AuthEventKey.Parse(afterKey);
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM auth_events WHERE pool_id = @pool AND username_key = @key" +
            (after is null ? "" : " AND (created_at, event_id) < (@after_at, @after_id)") +
            " ORDER BY created_at DESC, event_id DESC LIMIT @take;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .WithTime("after_at", after is { } a ? UnixMilliseconds.ToDateTimeOffset(a.CreatedMs) : null)
            .WithText("after_id", after?.EventId)
            .With("take", limit + 1);
        return KeysetPage.From(await ReadAsync(select, ct), limit, AuthEventKey.Of);
    }

    public async Task<StoredAuthEvent?> FindAsync(string userPoolId, string usernameKey, string eventId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM auth_events WHERE pool_id = @pool AND username_key = @key AND event_id = @id;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .With("id", eventId);
        return (await ReadAsync(select, ct)).FirstOrDefault();
    }

    public async Task<bool> UpdateDetailAsync(string userPoolId, string usernameKey, string eventId, string detailJson, CancellationToken ct)
    {
        await using var update = db.CreateCommand(
            "UPDATE auth_events SET detail = @detail WHERE pool_id = @pool AND username_key = @key AND event_id = @id;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .With("id", eventId)
            .With("detail", detailJson);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task<List<StoredAuthEvent>> ReadAsync(NpgsqlCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var events = new List<StoredAuthEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new StoredAuthEvent
            {
                UserPoolId = reader.GetString(0),
                UsernameKey = reader.GetString(1),
                EventId = reader.GetString(2),
                EventType = reader.GetString(3),
                EventResponse = reader.GetString(4),
                CreatedAt = reader.GetTimestamp(5),
                DetailJson = reader.GetString(6),
            });
        }

        return events;
    }
}
