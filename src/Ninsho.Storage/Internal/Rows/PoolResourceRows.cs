using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>pool_resources</c> rows as both backends store them: their SQL (the same on both), the parameter
/// binding and the row reader. The backends keep their connections, their batched deletes and PostgreSQL's
/// <c>WITH updated AS (…)</c>.</summary>
internal static class PoolResourceRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "pool_id, kind, name, body_json, created_at, modified_at, version";

    private const string Key = "pool_id = @pool AND kind = @kind AND name = @name";

    /// <summary>Binds <see cref="Bind"/>; no row when the resource exists.</summary>
    public const string Insert =
        $"INSERT INTO pool_resources ({Columns}) VALUES (@pool, @kind, @name, @body, @created, @modified, @version) " +
        "ON CONFLICT (pool_id, kind, name) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it).</summary>
    public const string Update =
        "UPDATE pool_resources SET body_json = @body, created_at = @created, modified_at = @modified, version = @version + 1 " +
        $"WHERE {Key} AND version = @version";

    /// <summary>A boolean: whether the resource of <see cref="BindKey"/> exists.</summary>
    public const string Exists = $"EXISTS (SELECT 1 FROM pool_resources WHERE {Key})";

    /// <summary>Binds <see cref="BindKey"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM pool_resources WHERE {Key};";

    /// <summary>Binds <see cref="BindKey"/>.</summary>
    public const string Delete = $"DELETE FROM pool_resources WHERE {Key};";

    /// <summary>Binds <c>@pool</c> and <c>@kind</c>.</summary>
    public const string Count = "SELECT count(*) FROM pool_resources WHERE pool_id = @pool AND kind = @kind;";

    /// <summary>One batch of the resources of kind <c>@kind</c> created before <c>@before</c> (see
    /// <see cref="BindPurge"/>); the backend's batched delete binds <c>@batch</c>.</summary>
    public const string DeleteCreatedBefore =
        "DELETE FROM pool_resources WHERE (pool_id, kind, name) IN " +
        "(SELECT pool_id, kind, name FROM pool_resources WHERE kind = @kind AND created_at < @before LIMIT @batch);";

    /// <summary>A page of a pool's resources of one kind by name; binds <c>@pool</c>, <c>@kind</c> and
    /// <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) =>
        $"SELECT {Columns} FROM pool_resources WHERE pool_id = @pool AND kind = @kind" +
        (afterKey is null ? "" : " AND name > @after") + " ORDER BY name LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredPoolResource resource)
    {
        BindKey(sql, command, resource.UserPoolId, resource.Kind, resource.Name);
        sql.Text(command, "@body", resource.BodyJson);
        sql.Time(command, "@created", resource.CreatedAt);
        sql.Time(command, "@modified", resource.ModifiedAt);
        sql.Int64(command, "@version", resource.Version);
    }

    /// <summary>Binds <c>@pool</c>, <c>@kind</c> and <c>@name</c>.</summary>
    public static void BindKey(SqlDialect sql, DbCommand command, string userPoolId, string kind, string name)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@kind", kind);
        sql.Text(command, "@name", name);
    }

    /// <summary>Binds <c>@kind</c> and <c>@before</c> for <see cref="DeleteCreatedBefore"/>.</summary>
    public static T BindPurge<T>(SqlDialect sql, T command, string kind, DateTimeOffset before)
        where T : DbCommand
    {
        sql.Text(command, "@kind", kind);
        sql.Time(command, "@before", before);
        return command;
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredPoolResource Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        Kind = reader.GetString(1),
        Name = reader.GetString(2),
        BodyJson = reader.GetString(3),
        CreatedAt = sql.GetTime(reader, 4),
        ModifiedAt = sql.GetTime(reader, 5),
        Version = reader.GetInt64(6),
    };
}
