using System.Data.Common;
using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

/// <summary>SQLite's values: timestamps as Unix milliseconds, booleans as 0/1.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override void Text(DbCommand command, string name, string? value) => Add(command, name, value);

    public override void Int32(DbCommand command, string name, int? value) => Add(command, name, value);

    public override void Int64(DbCommand command, string name, long value) => Add(command, name, value);

    public override void Bool(DbCommand command, string name, bool value) => Add(command, name, value ? 1 : 0);

    public override void Time(DbCommand command, string name, DateTimeOffset value) =>
        Add(command, name, UnixMilliseconds.From(value));

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) =>
        UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(ordinal));

    private static void Add(DbCommand command, string name, object? value) =>
        _ = ((SqliteCommand)command).Parameters.AddWithValue(name, value ?? DBNull.Value);

    public override void Time(DbCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, value is { } v ? UnixMilliseconds.From(v) : null);

    public override void Json(DbCommand command, string name, string value) => Add(command, name, value);

    public override bool GetBool(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public override void Bytes(DbCommand command, string name, byte[] value) => Add(command, name, value);
}
