using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>devices</c> rows as both backends store them: the SQL they run the same, the parameter binding and
/// the row reader. The backends keep their connections and PostgreSQL's one-statement update.</summary>
internal static class DeviceRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "pool_id, device_key, username_key, device_group_key, device_name, salt, verifier, remembered_status, created_at, modified_at, last_auth_at, version";

    /// <summary>Binds <see cref="Bind"/>; no row when the device key exists in the pool.</summary>
    public const string Insert =
        $"INSERT INTO devices ({Columns}) VALUES (@pool, @key, @user, @group, @name, @salt, @verifier, @remembered, @created, @modified, @auth, @version) " +
        "ON CONFLICT (pool_id, device_key) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it).</summary>
    public const string Update =
        "UPDATE devices SET username_key = @user, device_group_key = @group, device_name = @name, salt = @salt, verifier = @verifier, " +
        "remembered_status = @remembered, created_at = @created, modified_at = @modified, last_auth_at = @auth, version = @version + 1 " +
        "WHERE pool_id = @pool AND device_key = @key AND version = @version";

    /// <summary>A boolean: whether device <c>@key</c> exists in pool <c>@pool</c>.</summary>
    public const string Exists = "EXISTS (SELECT 1 FROM devices WHERE pool_id = @pool AND device_key = @key)";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM devices WHERE pool_id = @pool AND device_key = @key;";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Delete = "DELETE FROM devices WHERE pool_id = @pool AND device_key = @key;";

    /// <summary>A page of user <c>@user</c>'s devices by key; binds <c>@pool</c>, <c>@user</c> and
    /// <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) =>
        $"SELECT {Columns} FROM devices WHERE pool_id = @pool AND username_key = @user" +
        (afterKey is null ? "" : " AND device_key > @after") + " ORDER BY device_key LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredDevice device)
    {
        Key(sql, command, device.UserPoolId, device.DeviceKey);
        sql.Text(command, "@user", device.UsernameKey);
        sql.Text(command, "@group", device.DeviceGroupKey);
        sql.Text(command, "@name", device.DeviceName);
        sql.Text(command, "@salt", device.Salt);
        sql.Text(command, "@verifier", device.Verifier);
        sql.Text(command, "@remembered", device.RememberedStatus);
        sql.Time(command, "@created", device.CreatedAt);
        sql.Time(command, "@modified", device.ModifiedAt);
        sql.Time(command, "@auth", device.LastAuthenticatedAt);
        sql.Int64(command, "@version", device.Version);
    }

    /// <summary>Binds <c>@pool</c> and <c>@key</c> (the device key).</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string deviceKey)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@key", deviceKey);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredDevice Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        DeviceKey = reader.GetString(1),
        UsernameKey = reader.GetString(2),
        DeviceGroupKey = reader.GetString(3),
        DeviceName = reader.GetNullableString(4),
        Salt = reader.GetNullableString(5),
        Verifier = reader.GetNullableString(6),
        RememberedStatus = reader.GetNullableString(7),
        CreatedAt = sql.GetTime(reader, 8),
        ModifiedAt = sql.GetTime(reader, 9),
        LastAuthenticatedAt = sql.GetNullableTime(reader, 10),
        Version = reader.GetInt64(11),
    };
}
