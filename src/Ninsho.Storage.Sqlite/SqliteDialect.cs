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

    /// <summary>Binds <c>@after</c> and writes the take into the command's text as a literal: SQLite plans a
    /// <c>LIMIT</c> with the value bound to it and marks the statement stale whenever that parameter is bound again, so
    /// a bound <c>@take</c> made every execution parse and plan its statement a second time, even a prepared one
    /// (bench/README.md, "The LIMIT that re-planned every statement"). The take is a number, never caller text.</summary>
    public override void Page(DbCommand command, string? afterKey, int limit)
    {
        Text(command, "@after", afterKey);
        command.CommandText = WithTake(command.CommandText, limit);
    }

    /// <summary>Writes <paramref name="take"/> (the number of rows, as it is) into the command's <c>LIMIT @take</c>,
    /// for the lists that take no keyset page (see <see cref="Page"/>).</summary>
    public static void Take(DbCommand command, int take) => command.CommandText = WithRows(command.CommandText, take);

    /// <summary><paramref name="sql"/> with its <c>LIMIT @take</c> replaced by one more than <paramref name="limit"/>.</summary>
    public static string WithTake(string sql, int limit) => WithRows(sql, limit + 1);

    private static string WithRows(string sql, int rows) =>
        sql.Replace("LIMIT @take", "LIMIT " + rows.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

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
