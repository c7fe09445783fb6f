using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>secrets</c> rows as both backends store them: the SQL they run the same, the parameter binding
/// and the row reader. The backends keep their connections: SQLite one write transaction, PostgreSQL two
/// autocommit statements on one connection.</summary>
internal static class SecretRows
{
    /// <summary>Binds <see cref="Bind"/>; no row when the name exists (the first writer's value wins).</summary>
    public const string Insert = "INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING;";

    /// <summary>Binds <c>@name</c>; the value as a scalar.</summary>
    public const string Find = "SELECT value FROM secrets WHERE name = @name;";

    /// <summary>Binds <c>@name</c>.</summary>
    public const string Delete = "DELETE FROM secrets WHERE name = @name;";

    /// <summary>Read by <see cref="Read"/>.</summary>
    public const string List = "SELECT name, value FROM secrets ORDER BY name;";

    public static void Bind(SqlDialect sql, DbCommand command, string name, byte[] value)
    {
        sql.Text(command, "@name", name);
        sql.Bytes(command, "@value", value);
    }

    /// <summary>Reads a row of <see cref="List"/>.</summary>
    public static KeyValuePair<string, byte[]> Read(DbDataReader reader, SqlDialect sql) =>
        KeyValuePair.Create(reader.GetString(0), reader.GetFieldValue<byte[]>(1));
}
