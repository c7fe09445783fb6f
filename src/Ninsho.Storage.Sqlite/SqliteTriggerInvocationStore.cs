using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteTriggerInvocationStore(SqliteConnectionFactory db) : ITriggerInvocationStore
{
    private const string Columns =
        "id, pool_id, trigger_source, function_arn, target, event, response, error_type, error_message, duration_ms, created_at";

    public async Task<StoredTriggerInvocation> AddAsync(StoredTriggerInvocation invocation, int keepPerPool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepPerPool);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            "INSERT INTO trigger_invocations (pool_id, trigger_source, function_arn, target, event, response, error_type, error_message, duration_ms, created_at) "
            + "VALUES ($pool, $source, $function, $target, $event, $response, $error_type, $error_message, $duration, $created) RETURNING id;")
            .With("$pool", invocation.UserPoolId)
            .With("$source", invocation.TriggerSource)
            .With("$function", invocation.FunctionArn)
            .With("$target", invocation.Target)
            .With("$event", invocation.EventJson)
            .With("$response", invocation.ResponseBody)
            .With("$error_type", invocation.ErrorType)
            .With("$error_message", invocation.ErrorMessage)
            .With("$duration", invocation.DurationMs)
            .With("$created", invocation.CreatedAt);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        using var prune = write.Command(
            "DELETE FROM trigger_invocations WHERE pool_id = $pool AND id <= "
            + "(SELECT id FROM trigger_invocations WHERE pool_id = $pool ORDER BY id DESC LIMIT 1 OFFSET $keep);")
            .With("$pool", invocation.UserPoolId)
            .With("$keep", keepPerPool);
        _ = await prune.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return invocation with { Id = id };
    }

    public async Task<IReadOnlyList<StoredTriggerInvocation>> ListAsync(string? userPoolId, string? triggerSource, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Columns} FROM trigger_invocations WHERE ($pool IS NULL OR pool_id = $pool) AND ($source IS NULL OR trigger_source = $source) "
            + "ORDER BY id DESC LIMIT $limit;")
            .With("$pool", userPoolId)
            .With("$source", triggerSource)
            .With("$limit", limit);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var invocations = new List<StoredTriggerInvocation>();
        while (await reader.ReadAsync(ct))
        {
            invocations.Add(new StoredTriggerInvocation
            {
                Id = reader.GetInt64(0),
                UserPoolId = reader.GetString(1),
                TriggerSource = reader.GetString(2),
                FunctionArn = reader.GetString(3),
                Target = reader.GetString(4),
                EventJson = reader.GetString(5),
                ResponseBody = reader.GetNullableString(6),
                ErrorType = reader.GetNullableString(7),
                ErrorMessage = reader.GetNullableString(8),
                DurationMs = reader.GetInt64(9),
                CreatedAt = reader.GetTimestamp(10),
            });
        }

        invocations.Reverse();
        return invocations;
    }
}
