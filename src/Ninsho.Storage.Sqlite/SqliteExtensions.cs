using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

/// <summary>Parameter and column helpers for the stores' hand-written SQL.</summary>
internal static class SqliteExtensions
{
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        _ = command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, DateTimeOffset value) =>
        command.With(name, UnixMilliseconds.From(value));

    public static SqliteCommand With(this SqliteCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value is { } v ? UnixMilliseconds.From(v) : null);

    public static SqliteCommand Command(this SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static DateTimeOffset GetTimestamp(this SqliteDataReader reader, int ordinal) =>
        UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTimestamp(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(ordinal));
}
