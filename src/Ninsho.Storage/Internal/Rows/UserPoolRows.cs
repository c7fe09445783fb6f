using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>user_pools</c> and <c>signing_keys</c> rows as both backends store them: the SQL they run the
/// same, the parameter binding and the row readers. The backends keep their connections and transactions and
/// PostgreSQL's one-statement update.</summary>
internal static class UserPoolRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "pool_id, name, created_at, modified_at, config_json, version";

    /// <summary>Binds <see cref="Bind"/>; no row when the pool exists.</summary>
    public const string Insert =
        $"INSERT INTO user_pools ({Columns}) VALUES (@id, @name, @created, @modified, @config, @version) ON CONFLICT (pool_id) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it).</summary>
    public const string Update =
        "UPDATE user_pools SET name = @name, created_at = @created, modified_at = @modified, config_json = @config, version = @version + 1 " +
        "WHERE pool_id = @id AND version = @version";

    /// <summary>A boolean: whether pool <c>@id</c> exists.</summary>
    public const string Exists = "EXISTS (SELECT 1 FROM user_pools WHERE pool_id = @id)";

    /// <summary>Binds <c>@id</c>.</summary>
    public const string Find = $"SELECT {Columns} FROM user_pools WHERE pool_id = @id;";

    /// <summary>Binds <c>@id</c>; the search rows have no foreign key, so they go first.</summary>
    public const string DeleteSearchRows = "DELETE FROM user_search WHERE pool_id = @id;";

    /// <summary>Binds <c>@id</c>; foreign keys cascade to keys, clients, users and tokens.</summary>
    public const string Delete = "DELETE FROM user_pools WHERE pool_id = @id;";

    /// <summary>Binds <see cref="BindKey"/>.</summary>
    public const string InsertKey =
        "INSERT INTO signing_keys (pool_id, key_id, key_use, private_key, created_at, active_at, retire_at) VALUES (@pool, @kid, @use, @key, @created, @active, @retire);";

    /// <summary>Binds <c>@pool</c> and <c>@retire</c>: the rotation's mark on the keys it supersedes.</summary>
    public const string RetireKeys =
        "UPDATE signing_keys SET retire_at = @retire WHERE pool_id = @pool AND (retire_at IS NULL OR retire_at > @retire);";

    /// <summary>Binds <c>@pool</c>.</summary>
    public const string DeleteRetiringKeys = "DELETE FROM signing_keys WHERE pool_id = @pool AND retire_at IS NOT NULL;";

    /// <summary>Binds <c>@pool</c>; read by <see cref="ReadKey"/>.</summary>
    public const string Keys = "SELECT key_id, key_use, private_key, created_at, active_at, retire_at FROM signing_keys WHERE pool_id = @pool ORDER BY created_at, key_id;";

    /// <summary>A page of pools by id; binds <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM user_pools ORDER BY pool_id LIMIT @take;"
        : $"SELECT {Columns} FROM user_pools WHERE pool_id > @after ORDER BY pool_id LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredUserPool pool)
    {
        sql.Text(command, "@id", pool.Id);
        sql.Text(command, "@name", pool.Name);
        sql.Time(command, "@created", pool.CreatedAt);
        sql.Time(command, "@modified", pool.ModifiedAt);
        sql.Text(command, "@config", pool.ConfigJson);
        sql.Int64(command, "@version", pool.Version);
    }

    public static void BindKey(SqlDialect sql, DbCommand command, string userPoolId, StoredSigningKey key)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@kid", key.KeyId);
        sql.Text(command, "@use", key.Use);
        sql.Bytes(command, "@key", key.PrivateKeyPkcs8);
        sql.Time(command, "@created", key.CreatedAt);
        sql.Time(command, "@active", key.ActiveAt);
        sql.Time(command, "@retire", key.RetireAt);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredUserPool Read(DbDataReader reader, SqlDialect sql) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        CreatedAt = sql.GetTime(reader, 2),
        ModifiedAt = sql.GetTime(reader, 3),
        ConfigJson = reader.GetString(4),
        Version = reader.GetInt64(5),
    };

    /// <summary>Reads a row of <see cref="Keys"/> of pool <paramref name="userPoolId"/>.</summary>
    public static StoredSigningKey ReadKey(DbDataReader reader, SqlDialect sql, string userPoolId) => new()
    {
        UserPoolId = userPoolId,
        KeyId = reader.GetString(0),
        Use = reader.GetString(1),
        PrivateKeyPkcs8 = reader.GetFieldValue<byte[]>(2),
        CreatedAt = sql.GetTime(reader, 3),
        ActiveAt = sql.GetNullableTime(reader, 4),
        RetireAt = sql.GetNullableTime(reader, 5),
    };
}
