using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlMessageOutbox(PostgreSqlCommands db) : IMessageOutbox
{
    private const string Columns = "id, pool_id, username, recipient, medium, subject, body, code, created_at, expires_at";

    public async Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var insert = db.CreateCommand(
            "INSERT INTO messages (pool_id, username, recipient, medium, subject, body, code, created_at, expires_at) "
            + "VALUES (@pool, @username, @recipient, @medium, @subject, @body, @code, @created, @expires) RETURNING id;")
            .With("pool", message.UserPoolId)
            .WithText("username", message.Username)
            .With("recipient", message.Recipient)
            .With("medium", message.Medium)
            .WithText("subject", message.Subject)
            .With("body", message.Body)
            .WithText("code", message.Code)
            .WithTime("created", message.CreatedAt)
            .WithTime("expires", message.ExpiresAt);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        return message with { Id = id };
    }

    public async Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM messages WHERE (@pool::text IS NULL OR pool_id = @pool) AND (@recipient::text IS NULL OR recipient = @recipient) "
            + "ORDER BY id DESC LIMIT @limit;")
            .WithText("pool", userPoolId)
            .WithText("recipient", recipient)
            .With("limit", limit);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var messages = new List<StoredMessage>();
        while (await reader.ReadAsync(ct))
        {
            messages.Add(Read(reader));
        }

        messages.Reverse();
        return messages;
    }

    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, DateTimeOffset createdBefore, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM messages WHERE id IN " +
            "(SELECT id FROM messages WHERE expires_at < @expired UNION SELECT id FROM messages WHERE created_at < @created LIMIT @batch);",
            command => command.WithTime("expired", expiredBefore).WithTime("created", createdBefore),
            ct);

    private static StoredMessage Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        UserPoolId = reader.GetString(1),
        Username = reader.GetNullableString(2),
        Recipient = reader.GetString(3),
        Medium = reader.GetString(4),
        Subject = reader.GetNullableString(5),
        Body = reader.GetString(6),
        Code = reader.GetNullableString(7),
        CreatedAt = reader.GetTimestamp(8),
        ExpiresAt = reader.GetNullableTimestamp(9),
    };
}
