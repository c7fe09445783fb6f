using System.Data.Common;
using Ninsho.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Ninsho.Storage.PostgreSql;

/// <summary>PostgreSQL's values: timestamptz and boolean; a typed parameter (no boxing) for a value, a parameter of
/// the column's type for a null (Npgsql cannot infer one from DBNull).</summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    public static readonly PostgreSqlDialect Instance = new();

    private PostgreSqlDialect()
    {
    }

    public override void Text(DbCommand command, string name, string? value) =>
        Add(command, value is null ? Null(name, NpgsqlDbType.Text) : new NpgsqlParameter<string>(name, value));

    public override void Int32(DbCommand command, string name, int? value) =>
        Add(command, value is { } v ? new NpgsqlParameter<int>(name, v) : Null(name, NpgsqlDbType.Integer));

    public override void Int64(DbCommand command, string name, long value) => Add(command, new NpgsqlParameter<long>(name, value));

    public override void Bool(DbCommand command, string name, bool value) => Add(command, new NpgsqlParameter<bool>(name, value));

    public override void Time(DbCommand command, string name, DateTimeOffset value) =>
        Add(command, new NpgsqlParameter<DateTimeOffset>(name, UnixMilliseconds.Truncate(value)));

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlParameter Null(string name, NpgsqlDbType type) => new(name, type) { Value = DBNull.Value };

    private static void Add(DbCommand command, NpgsqlParameter parameter) => ((NpgsqlCommand)command).Parameters.Add(parameter);

    public override void Time(DbCommand command, string name, DateTimeOffset? value) =>
        Add(command, value is { } v ? new NpgsqlParameter<DateTimeOffset>(name, UnixMilliseconds.Truncate(v)) : Null(name, NpgsqlDbType.TimestampTz));

    public override void Json(DbCommand command, string name, string value) =>
        Add(command, new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value });

    public override bool GetBool(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);

    public override void Bytes(DbCommand command, string name, byte[] value) => Add(command, new NpgsqlParameter<byte[]>(name, value));
}
