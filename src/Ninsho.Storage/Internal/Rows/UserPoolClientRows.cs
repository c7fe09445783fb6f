using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>user_pool_clients</c> rows as both backends store them: the SQL they run the same, the parameter
/// binding and the row reader. The backends keep their connections and PostgreSQL's one-statement update.</summary>
internal static class UserPoolClientRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "client_id, pool_id, name, created_at, modified_at, config_json, version";

    /// <summary>Binds <see cref="Bind"/>; no row when the client id is taken.</summary>
    public const string Insert =
        $"INSERT INTO user_pool_clients ({Columns}) VALUES (@id, @pool, @name, @created, @modified, @config, @version) " +
        "ON CONFLICT (client_id) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it). The pool is part of the key: a client never moves to another pool.</summary>
    public const string Update =
        "UPDATE user_pool_clients SET name = @name, created_at = @created, modified_at = @modified, config_json = @config, version = @version + 1 " +
        "WHERE client_id = @id AND pool_id = @pool AND version = @version";

    /// <summary>A boolean: whether client <c>@id</c> of pool <c>@pool</c> exists.</summary>
    public const string Exists = "EXISTS (SELECT 1 FROM user_pool_clients WHERE client_id = @id AND pool_id = @pool)";

    /// <summary>Binds <c>@id</c>.</summary>
    public const string Find = $"SELECT {Columns} FROM user_pool_clients WHERE client_id = @id;";

    /// <summary>Binds <c>@id</c>: <see cref="Columns"/> and then the pool's version.</summary>
    public const string FindWithPoolVersion =
        "SELECT c.client_id, c.pool_id, c.name, c.created_at, c.modified_at, c.config_json, c.version, p.version " +
        "FROM user_pool_clients c JOIN user_pools p ON p.pool_id = c.pool_id WHERE c.client_id = @id;";

    /// <summary>Binds <c>@id</c>; foreign keys cascade to the client's refresh tokens.</summary>
    public const string Delete = "DELETE FROM user_pool_clients WHERE client_id = @id;";

    /// <summary>A page of a pool's clients by id; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = @pool ORDER BY client_id LIMIT @take;"
        : $"SELECT {Columns} FROM user_pool_clients WHERE pool_id = @pool AND client_id > @after ORDER BY client_id LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredUserPoolClient client)
    {
        sql.Text(command, "@id", client.ClientId);
        sql.Text(command, "@pool", client.UserPoolId);
        sql.Text(command, "@name", client.Name);
        sql.Time(command, "@created", client.CreatedAt);
        sql.Time(command, "@modified", client.ModifiedAt);
        sql.Text(command, "@config", client.ConfigJson);
        sql.Int64(command, "@version", client.Version);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredUserPoolClient Read(DbDataReader reader, SqlDialect sql) => new()
    {
        ClientId = reader.GetString(0),
        UserPoolId = reader.GetString(1),
        Name = reader.GetString(2),
        CreatedAt = sql.GetTime(reader, 3),
        ModifiedAt = sql.GetTime(reader, 4),
        ConfigJson = reader.GetString(5),
        Version = reader.GetInt64(6),
    };

    /// <summary>Reads a row of <see cref="FindWithPoolVersion"/>.</summary>
    public static ClientWithPoolVersion ReadWithPoolVersion(DbDataReader reader, SqlDialect sql) => new(Read(reader, sql), reader.GetInt64(7));
}
