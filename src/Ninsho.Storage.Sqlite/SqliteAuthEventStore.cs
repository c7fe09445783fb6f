using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteAuthEventStore(SqliteConnectionFactory db) : IAuthEventStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<bool> AddAsync(StoredAuthEvent authEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(authEvent);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(AuthEventRows.Insert + ";");
        AuthEventRows.Bind(Sql, insert, authEvent);
        var added = await insert.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return added;
    }

    public async Task<Page<StoredAuthEvent>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = AuthEventKey.Parse(afterKey);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(AuthEventRows.List(
            after is null ? null : "(created_at < @after_ms OR (created_at = @after_ms AND event_id < @after_id))"));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        if (after is { } a)
        {
            // The key's milliseconds are what SQLite keeps: compared as they are, never turned into a time.
            Sql.Int64(select, "@after_ms", a.CreatedMs);
            Sql.Text(select, "@after_id", a.EventId);
        }

        SqliteDialect.Take(select, limit + 1);
        return KeysetPage.From(await Sql.ReadAllAsync(select, AuthEventRows.Read, ct), limit, AuthEventKey.Of);
    }

    public async Task<StoredAuthEvent?> FindAsync(string userPoolId, string usernameKey, string eventId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(AuthEventRows.Find);
        AuthEventRows.Key(Sql, select, userPoolId, usernameKey, eventId);
        return await Sql.ReadFirstAsync(select, AuthEventRows.Read, ct);
    }

    public async Task<bool> UpdateDetailAsync(string userPoolId, string usernameKey, string eventId, string detailJson, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(AuthEventRows.UpdateDetail);
        AuthEventRows.Key(Sql, update, userPoolId, usernameKey, eventId);
        Sql.Text(update, "@detail", detailJson);
        var found = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return found;
    }
}
