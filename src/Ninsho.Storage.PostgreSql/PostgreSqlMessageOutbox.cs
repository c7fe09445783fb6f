using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlMessageOutbox(PostgreSqlCommands db) : IMessageOutbox
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var insert = db.CreateCommand(MessageRows.Insert);
        MessageRows.Bind(Sql, insert, message);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        return message with { Id = id };
    }

    public async Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct)
    {
        await using var select = db.CreateCommand(MessageRows.List);
        MessageRows.BindList(Sql, select, userPoolId, recipient, limit);
        var messages = await Sql.ReadAllAsync(select, MessageRows.Read, ct);
        messages.Reverse();
        return messages;
    }

    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, DateTimeOffset createdBefore, CancellationToken ct) =>
        db.DeleteInBatchesAsync(MessageRows.Purge, command => MessageRows.BindPurge(Sql, command, expiredBefore, createdBefore), ct);
}
