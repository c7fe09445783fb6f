using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteTriggerInvocationStore(SqliteConnectionFactory db) : ITriggerInvocationStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<StoredTriggerInvocation> AddAsync(StoredTriggerInvocation invocation, int keepPerPool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepPerPool);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(TriggerInvocationRows.Insert);
        TriggerInvocationRows.Bind(Sql, insert, invocation);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        using var prune = write.Command(TriggerInvocationRows.Prune);
        TriggerInvocationRows.BindPrune(Sql, prune, invocation.UserPoolId, keepPerPool);
        _ = await prune.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return invocation with { Id = id };
    }

    public async Task<IReadOnlyList<StoredTriggerInvocation>> ListAsync(string? userPoolId, string? triggerSource, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(TriggerInvocationRows.ListNewestFirst);
        TriggerInvocationRows.BindList(Sql, select, userPoolId, triggerSource, limit);
        var invocations = await Sql.ReadAllAsync(select, TriggerInvocationRows.Read, ct);
        invocations.Reverse();
        return invocations;
    }
}
