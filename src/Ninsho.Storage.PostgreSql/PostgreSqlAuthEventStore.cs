using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlAuthEventStore(PostgreSqlCommands db) : IAuthEventStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<bool> AddAsync(StoredAuthEvent authEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(authEvent);
        // FOR KEY SHARE: a concurrent delete of the user waits for this insert (and cascades to it), or wins first
        // and nothing is inserted.
        await using var insert = db.CreateCommand(AuthEventRows.Insert + " FOR KEY SHARE;");
        AuthEventRows.Bind(Sql, insert, authEvent);
        return await insert.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Page<StoredAuthEvent>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = AuthEventKey.Parse(afterKey);
        await using var select = db.CreateCommand(AuthEventRows.List(after is null ? null : "(created_at, event_id) < (@after_at, @after_id)"));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        if (after is { } a)
        {
            Sql.Time(select, "@after_at", UnixMilliseconds.ToDateTimeOffset(a.CreatedMs));
            Sql.Text(select, "@after_id", a.EventId);
        }

        Sql.Int32(select, "@take", limit + 1);
        return KeysetPage.From(await Sql.ReadAllAsync(select, AuthEventRows.Read, ct), limit, AuthEventKey.Of);
    }

    public async Task<StoredAuthEvent?> FindAsync(string userPoolId, string usernameKey, string eventId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(AuthEventRows.Find);
        AuthEventRows.Key(Sql, select, userPoolId, usernameKey, eventId);
        return await Sql.ReadFirstAsync(select, AuthEventRows.Read, ct);
    }

    public async Task<bool> UpdateDetailAsync(string userPoolId, string usernameKey, string eventId, string detailJson, CancellationToken ct)
    {
        await using var update = db.CreateCommand(AuthEventRows.UpdateDetail);
        AuthEventRows.Key(Sql, update, userPoolId, usernameKey, eventId);
        Sql.Text(update, "@detail", detailJson);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }
}
