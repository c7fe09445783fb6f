using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>messages</c> rows (the outbox) as both backends store them: their SQL (the same on both, the
/// insert's <c>RETURNING id</c> and the batched purge included), the parameter binding and the row reader. The
/// backends keep their connections and their batched deletes.</summary>
internal static class MessageRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "id, pool_id, username, recipient, medium, subject, body, code, created_at, expires_at";

    /// <summary>Binds <see cref="Bind"/>; returns the id the database assigned.</summary>
    public const string Insert =
        "INSERT INTO messages (pool_id, username, recipient, medium, subject, body, code, created_at, expires_at) " +
        "VALUES (@pool, @username, @recipient, @medium, @subject, @body, @code, @created, @expires) RETURNING id;";

    /// <summary>The newest <c>@limit</c> messages, newest first, of pool <c>@pool</c> and recipient
    /// <c>@recipient</c> (each null for any).</summary>
    public const string List =
        $"SELECT {Columns} FROM messages WHERE (@pool IS NULL OR pool_id = @pool) AND (@recipient IS NULL OR recipient = @recipient) " +
        "ORDER BY id DESC LIMIT @limit;";

    /// <summary>One batch of the messages expired before <c>@expired</c> or created before <c>@created</c>; the
    /// backend's batched delete binds <c>@batch</c>.</summary>
    public const string Purge =
        "DELETE FROM messages WHERE id IN " +
        "(SELECT id FROM messages WHERE expires_at < @expired UNION SELECT id FROM messages WHERE created_at < @created LIMIT @batch);";

    public static void Bind(SqlDialect sql, DbCommand command, StoredMessage message)
    {
        sql.Text(command, "@pool", message.UserPoolId);
        sql.Text(command, "@username", message.Username);
        sql.Text(command, "@recipient", message.Recipient);
        sql.Text(command, "@medium", message.Medium);
        sql.Text(command, "@subject", message.Subject);
        sql.Text(command, "@body", message.Body);
        sql.Text(command, "@code", message.Code);
        sql.Time(command, "@created", message.CreatedAt);
        sql.Time(command, "@expires", message.ExpiresAt);
    }

    /// <summary>Binds <c>@pool</c>, <c>@recipient</c> and <c>@limit</c> for <see cref="List"/>.</summary>
    public static void BindList(SqlDialect sql, DbCommand command, string? userPoolId, string? recipient, int limit)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@recipient", recipient);
        sql.Int32(command, "@limit", limit);
    }

    /// <summary>Binds <c>@expired</c> and <c>@created</c> for <see cref="Purge"/>.</summary>
    public static T BindPurge<T>(SqlDialect sql, T command, DateTimeOffset expiredBefore, DateTimeOffset createdBefore)
        where T : DbCommand
    {
        sql.Time(command, "@expired", expiredBefore);
        sql.Time(command, "@created", createdBefore);
        return command;
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredMessage Read(DbDataReader reader, SqlDialect sql) => new()
    {
        Id = reader.GetInt64(0),
        UserPoolId = reader.GetString(1),
        Username = reader.GetNullableString(2),
        Recipient = reader.GetString(3),
        Medium = reader.GetString(4),
        Subject = reader.GetNullableString(5),
        Body = reader.GetString(6),
        Code = reader.GetNullableString(7),
        CreatedAt = sql.GetTime(reader, 8),
        ExpiresAt = sql.GetNullableTime(reader, 9),
    };
}
