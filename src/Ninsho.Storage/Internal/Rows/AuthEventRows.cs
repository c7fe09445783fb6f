using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>auth_events</c> rows as both backends store them: their SQL (the same on both), the parameter
/// binding and the row reader. The backends keep their connections, the end of the insert (PostgreSQL locks the
/// user row with <c>FOR KEY SHARE</c>) and the newest-first page condition, whose created-at parameter they keep
/// differently.</summary>
internal static class AuthEventRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "pool_id, username_key, event_id, event_type, event_response, created_at, detail";

    /// <summary>Binds <see cref="Bind"/>; inserts nothing when user <c>@key</c> does not exist (no semicolon:
    /// PostgreSQL adds <c>FOR KEY SHARE</c>).</summary>
    public const string Insert =
        $"INSERT INTO auth_events ({Columns}) SELECT @pool, @key, @id, @type, @response, @created, @detail " +
        "FROM users WHERE pool_id = @pool AND username_key = @key";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM auth_events WHERE pool_id = @pool AND username_key = @key AND event_id = @id;";

    /// <summary>Binds <see cref="Key"/> and <c>@detail</c>.</summary>
    public const string UpdateDetail = "UPDATE auth_events SET detail = @detail WHERE pool_id = @pool AND username_key = @key AND event_id = @id;";

    /// <summary>A page of user <c>@key</c>'s events, newest first; <paramref name="afterCondition"/> (the backend's,
    /// null on the first page) keeps the events after the previous page's last. Binds <c>@pool</c>, <c>@key</c> and
    /// <c>@take</c>.</summary>
    public static string List(string? afterCondition) =>
        $"SELECT {Columns} FROM auth_events WHERE pool_id = @pool AND username_key = @key" +
        (afterCondition is null ? "" : " AND " + afterCondition) +
        " ORDER BY created_at DESC, event_id DESC LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredAuthEvent authEvent)
    {
        Key(sql, command, authEvent.UserPoolId, authEvent.UsernameKey, authEvent.EventId);
        sql.Text(command, "@type", authEvent.EventType);
        sql.Text(command, "@response", authEvent.EventResponse);
        sql.Time(command, "@created", authEvent.CreatedAt);
        sql.Text(command, "@detail", authEvent.DetailJson);
    }

    /// <summary>Binds <c>@pool</c>, <c>@key</c> and <c>@id</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string usernameKey, string eventId)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@key", usernameKey);
        sql.Text(command, "@id", eventId);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredAuthEvent Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        UsernameKey = reader.GetString(1),
        EventId = reader.GetString(2),
        EventType = reader.GetString(3),
        EventResponse = reader.GetString(4),
        CreatedAt = sql.GetTime(reader, 5),
        DetailJson = reader.GetString(6),
    };
}
