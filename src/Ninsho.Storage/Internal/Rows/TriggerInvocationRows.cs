using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>trigger_invocations</c> rows (the trigger invocation log) as both backends store them: their SQL,
/// the parameter binding and the row reader. The backends keep only their connections: SQLite runs the insert and
/// the prune in one write transaction, PostgreSQL as two autocommit statements.</summary>
internal static class TriggerInvocationRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "id, pool_id, trigger_source, function_arn, target, event, response, error_type, error_message, duration_ms, created_at";

    /// <summary>Binds <see cref="Bind"/>; returns the new row's id.</summary>
    public const string Insert =
        "INSERT INTO trigger_invocations (pool_id, trigger_source, function_arn, target, event, response, error_type, error_message, duration_ms, created_at) "
        + "VALUES (@pool, @source, @function, @target, @event, @response, @error_type, @error_message, @duration, @created) RETURNING id;";

    /// <summary>Keeps pool <c>@pool</c>'s newest <c>@keep</c> rows.</summary>
    public const string Prune =
        "DELETE FROM trigger_invocations WHERE pool_id = @pool AND id <= "
        + "(SELECT id FROM trigger_invocations WHERE pool_id = @pool ORDER BY id DESC LIMIT 1 OFFSET @keep);";

    /// <summary>The newest <c>@limit</c> rows, of pool <c>@pool</c> and source <c>@source</c> when they are not null.</summary>
    public const string ListNewestFirst =
        $"SELECT {Columns} FROM trigger_invocations WHERE (@pool IS NULL OR pool_id = @pool) AND (@source IS NULL OR trigger_source = @source) "
        + "ORDER BY id DESC LIMIT @limit;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredTriggerInvocation invocation)
    {
        sql.Text(command, "@pool", invocation.UserPoolId);
        sql.Text(command, "@source", invocation.TriggerSource);
        sql.Text(command, "@function", invocation.FunctionArn);
        sql.Text(command, "@target", invocation.Target);
        sql.Text(command, "@event", invocation.EventJson);
        sql.Text(command, "@response", invocation.ResponseBody);
        sql.Text(command, "@error_type", invocation.ErrorType);
        sql.Text(command, "@error_message", invocation.ErrorMessage);
        sql.Int64(command, "@duration", invocation.DurationMs);
        sql.Time(command, "@created", invocation.CreatedAt);
    }

    /// <summary>Binds <see cref="Prune"/>'s parameters.</summary>
    public static void BindPrune(SqlDialect sql, DbCommand command, string userPoolId, int keepPerPool)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Int32(command, "@keep", keepPerPool);
    }

    /// <summary>Binds <see cref="ListNewestFirst"/>'s parameters.</summary>
    public static void BindList(SqlDialect sql, DbCommand command, string? userPoolId, string? triggerSource, int limit)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@source", triggerSource);
        sql.Int32(command, "@limit", limit);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredTriggerInvocation Read(DbDataReader reader, SqlDialect sql) => new()
    {
        Id = reader.GetInt64(0),
        UserPoolId = reader.GetString(1),
        TriggerSource = reader.GetString(2),
        FunctionArn = reader.GetString(3),
        Target = reader.GetString(4),
        EventJson = reader.GetString(5),
        ResponseBody = reader.IsDBNull(6) ? null : reader.GetString(6),
        ErrorType = reader.IsDBNull(7) ? null : reader.GetString(7),
        ErrorMessage = reader.IsDBNull(8) ? null : reader.GetString(8),
        DurationMs = reader.GetInt64(9),
        CreatedAt = sql.GetTime(reader, 10),
    };
}
