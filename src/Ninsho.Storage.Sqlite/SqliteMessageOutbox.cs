using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteMessageOutbox(SqliteConnectionFactory db) : IMessageOutbox
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(MessageRows.Insert);
        MessageRows.Bind(Sql, insert, message);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        await write.CommitAsync(ct);
        return message with { Id = id };
    }

    public async Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(MessageRows.List);
        MessageRows.BindList(Sql, select, userPoolId, recipient, limit);
        var messages = await Sql.ReadAllAsync(select, MessageRows.Read, ct);
        messages.Reverse();
        return messages;
    }

    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, DateTimeOffset createdBefore, CancellationToken ct) =>
        db.DeleteInBatchesAsync(MessageRows.Purge, command => MessageRows.BindPurge(Sql, command, expiredBefore, createdBefore), ct);
}
