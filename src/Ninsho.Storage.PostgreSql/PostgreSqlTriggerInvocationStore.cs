using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlTriggerInvocationStore(PostgreSqlCommands db) : ITriggerInvocationStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<StoredTriggerInvocation> AddAsync(StoredTriggerInvocation invocation, int keepPerPool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepPerPool);
        await using var insert = db.CreateCommand(TriggerInvocationRows.Insert);
        TriggerInvocationRows.Bind(Sql, insert, invocation);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;

        // Pruning is its own statement: a concurrent insert may leave the pool one or two entries over for a moment.
        await using var prune = db.CreateCommand(TriggerInvocationRows.Prune);
        TriggerInvocationRows.BindPrune(Sql, prune, invocation.UserPoolId, keepPerPool);
        _ = await prune.ExecuteNonQueryAsync(ct);
        return invocation with { Id = id };
    }

    public async Task<IReadOnlyList<StoredTriggerInvocation>> ListAsync(string? userPoolId, string? triggerSource, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(TriggerInvocationRows.ListNewestFirst);
        TriggerInvocationRows.BindList(Sql, select, userPoolId, triggerSource, limit);
        var invocations = await Sql.ReadAllAsync(select, TriggerInvocationRows.Read, ct);
        invocations.Reverse();
        return invocations;
    }
}
