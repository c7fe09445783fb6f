using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>user_groups</c> and <c>group_members</c> rows as both backends store them: the SQL they run the
/// same, the parameter binding and the row reader. The backends keep their connections and the SQL that differs.</summary>
internal static class GroupRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order; <c>g.</c> for a join.</summary>
    public const string Columns = "pool_id, group_name, description, role_arn, precedence, created_at, modified_at, version";

    public const string JoinedColumns =
        "g.pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at, g.version";

    /// <summary>Binds every parameter of <see cref="Bind"/>; no row when the group exists.</summary>
    public const string Insert =
        $"INSERT INTO user_groups ({Columns}) VALUES (@pool, @name, @description, @role, @precedence, @created, @modified, @version) " +
        "ON CONFLICT (pool_id, group_name) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it).</summary>
    public const string Update =
        "UPDATE user_groups SET description = @description, role_arn = @role, precedence = @precedence, created_at = @created, " +
        "modified_at = @modified, version = @version + 1 WHERE pool_id = @pool AND group_name = @name AND version = @version";

    /// <summary>A boolean: whether group <c>@name</c> exists in pool <c>@pool</c>.</summary>
    public const string Exists = "EXISTS (SELECT 1 FROM user_groups WHERE pool_id = @pool AND group_name = @name)";

    public const string Count = "SELECT count(*) FROM user_groups WHERE pool_id = @pool;";

    public const string Find = $"SELECT {Columns} FROM user_groups WHERE pool_id = @pool AND group_name = @name;";

    /// <summary>Foreign keys cascade to the memberships.</summary>
    public const string Delete = "DELETE FROM user_groups WHERE pool_id = @pool AND group_name = @name;";

    public const string RemoveMember = "DELETE FROM group_members WHERE pool_id = @pool AND group_name = @name AND username_key = @key;";

    /// <summary>A page of a pool's groups by name; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM user_groups WHERE pool_id = @pool ORDER BY group_name LIMIT @take;"
        : $"SELECT {Columns} FROM user_groups WHERE pool_id = @pool AND group_name > @after ORDER BY group_name LIMIT @take;";

    /// <summary>The tail of a page of user <c>@key</c>'s groups, after the backend's join of <c>group_members m</c>
    /// to <c>user_groups g</c>.</summary>
    public static string ForUserPage(string? afterKey) =>
        "WHERE m.pool_id = @pool AND m.username_key = @key" + (afterKey is null ? "" : " AND m.group_name > @after") +
        " ORDER BY m.group_name LIMIT @take;";

    /// <summary>The tail of a page of group <c>@name</c>'s members, after the backend's join of
    /// <c>group_members m</c> to <c>users u</c>.</summary>
    public static string MembersPage(string? afterKey) =>
        "WHERE m.pool_id = @pool AND m.group_name = @name" + (afterKey is null ? "" : " AND m.username_key > @after") +
        " ORDER BY m.username_key LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredGroup group)
    {
        Key(sql, command, group.UserPoolId, group.GroupName);
        sql.Text(command, "@description", group.Description);
        sql.Text(command, "@role", group.RoleArn);
        sql.Int32(command, "@precedence", group.Precedence);
        sql.Time(command, "@created", group.CreatedAt);
        sql.Time(command, "@modified", group.ModifiedAt);
        sql.Int64(command, "@version", group.Version);
    }

    /// <summary>Binds <c>@pool</c> and <c>@name</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string groupName)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@name", groupName);
    }

    /// <summary>Binds <c>@pool</c>, <c>@name</c> and <c>@key</c> (the member's username key).</summary>
    public static void Member(SqlDialect sql, DbCommand command, string userPoolId, string groupName, string usernameKey)
    {
        Key(sql, command, userPoolId, groupName);
        sql.Text(command, "@key", usernameKey);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredGroup Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        GroupName = reader.GetString(1),
        Description = reader.GetNullableString(2),
        RoleArn = reader.GetNullableString(3),
        Precedence = reader.GetNullableInt32(4),
        CreatedAt = sql.GetTime(reader, 5),
        ModifiedAt = sql.GetTime(reader, 6),
        Version = reader.GetInt64(7),
    };
}
