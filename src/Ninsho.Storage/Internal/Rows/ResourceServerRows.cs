using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>resource_servers</c> rows as both backends store them: their SQL (the same on both), the
/// parameter binding and the row reader. The backends keep their connections.</summary>
internal static class ResourceServerRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "pool_id, identifier, name, scopes_json, created_at, modified_at";

    /// <summary>Binds <see cref="Bind"/>; no row when the resource server exists.</summary>
    public const string Insert =
        $"INSERT INTO resource_servers ({Columns}) VALUES (@pool, @id, @name, @scopes, @created, @modified) " +
        "ON CONFLICT (pool_id, identifier) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>.</summary>
    public const string Update =
        "UPDATE resource_servers SET name = @name, scopes_json = @scopes, modified_at = @modified WHERE pool_id = @pool AND identifier = @id;";

    public const string Count = "SELECT count(*) FROM resource_servers WHERE pool_id = @pool;";

    public const string Find = $"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool AND identifier = @id;";

    public const string Delete = "DELETE FROM resource_servers WHERE pool_id = @pool AND identifier = @id;";

    /// <summary>A page of a pool's resource servers by identifier; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool ORDER BY identifier LIMIT @take;"
        : $"SELECT {Columns} FROM resource_servers WHERE pool_id = @pool AND identifier > @after ORDER BY identifier LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredResourceServer server)
    {
        Key(sql, command, server.UserPoolId, server.Identifier);
        sql.Text(command, "@name", server.Name);
        sql.Text(command, "@scopes", server.ScopesJson);
        sql.Time(command, "@created", server.CreatedAt);
        sql.Time(command, "@modified", server.ModifiedAt);
    }

    /// <summary>Binds <c>@pool</c> and <c>@id</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string identifier)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@id", identifier);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredResourceServer Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        Identifier = reader.GetString(1),
        Name = reader.GetString(2),
        ScopesJson = reader.GetString(3),
        CreatedAt = sql.GetTime(reader, 4),
        ModifiedAt = sql.GetTime(reader, 5),
    };
}
