using Ninsho.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Ninsho.Storage.PostgreSql;

/// <summary>Parameter and column helpers for the stores' hand-written SQL.</summary>
internal static class PostgreSqlExtensions
{
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithJsonb(this NpgsqlCommand command, string name, string value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value });
        return command;
    }

    /// <summary>Runs <paramref name="deleteSql"/> (a DELETE of at most <c>@batch</c> rows, each statement its own
    /// transaction) until a batch deletes fewer than that; returns the rows deleted. Locks are held one batch at a
    /// time, so a sweep of a large backlog never stalls requests for long.</summary>
    public static async Task<int> DeleteInBatchesAsync(this PostgreSqlCommands db, string deleteSql, Func<NpgsqlCommand, NpgsqlCommand> bind, CancellationToken ct)
    {
        const int BatchSize = 1000;
        var total = 0;
        int deleted;
        do
        {
            await using var delete = bind(db.CreateCommand(deleteSql)).With("batch", BatchSize);
            deleted = await delete.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }

    /// <summary>A timestamptz parameter at millisecond precision (what both backends keep).</summary>
    public static NpgsqlCommand WithTime(this NpgsqlCommand command, string name, DateTimeOffset value) =>
        command.With(name, UnixMilliseconds.Truncate(value));

    public static NpgsqlCommand WithTime(this NpgsqlCommand command, string name, DateTimeOffset? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz)
        {
            Value = value is { } v ? UnixMilliseconds.Truncate(v) : DBNull.Value,
        });
        return command;
    }

    public static DateTimeOffset GetTimestamp(this NpgsqlDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetNullableTimestamp(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
