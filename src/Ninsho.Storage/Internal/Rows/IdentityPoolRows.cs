using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>identity_pools</c>, <c>identities</c> and <c>identity_logins</c> rows as both backends store them:
/// the SQL they run the same, the parameter binding, the row readers and the provider-list arithmetic of a link, an
/// unlink and a merge. The backends keep their connections and the SQL that differs (SQLite's write transaction and
/// <c>CROSS JOIN</c>; PostgreSQL's <c>WITH updated AS (…)</c> and <c>FOR UPDATE</c>).</summary>
internal static class IdentityPoolRows
{
    /// <summary>The columns <see cref="ReadPool"/> reads, in its order.</summary>
    public const string PoolColumns = "identity_pool_id, name, config_json, created_at, modified_at, version";

    /// <summary>The columns <see cref="ReadIdentity"/> reads, in its order; <c>i.</c> for a join.</summary>
    public const string IdentityColumns = "identity_id, identity_pool_id, logins_json, created_at, modified_at";

    public const string JoinedIdentityColumns = "i.identity_id, i.identity_pool_id, i.logins_json, i.created_at, i.modified_at";

    /// <summary>Binds <see cref="BindPool"/>; no row when the pool exists.</summary>
    public const string InsertPool =
        $"INSERT INTO identity_pools ({PoolColumns}) VALUES (@id, @name, @config, @created, @modified, @version) " +
        "ON CONFLICT (identity_pool_id) DO NOTHING;";

    /// <summary>Binds <see cref="BindPool"/>; changes no row when the version is not <c>@version</c> (no semicolon:
    /// PostgreSQL wraps it).</summary>
    public const string UpdatePool =
        "UPDATE identity_pools SET name = @name, config_json = @config, created_at = @created, modified_at = @modified, " +
        "version = @version + 1 WHERE identity_pool_id = @id AND version = @version";

    /// <summary>A boolean: whether identity pool <c>@id</c> exists.</summary>
    public const string PoolExists = "EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = @id)";

    public const string FindPool = $"SELECT {PoolColumns} FROM identity_pools WHERE identity_pool_id = @id;";

    /// <summary>Foreign keys cascade to the identities and their logins.</summary>
    public const string DeletePool = "DELETE FROM identity_pools WHERE identity_pool_id = @id;";

    /// <summary>Binds <see cref="BindIdentity"/>; no row when pool <c>@pool</c> does not exist.</summary>
    public const string InsertIdentity =
        $"INSERT INTO identities ({IdentityColumns}) SELECT @identity, @pool, @logins, @created, @modified " +
        "WHERE EXISTS (SELECT 1 FROM identity_pools WHERE identity_pool_id = @pool);";

    /// <summary>Identity <c>@id</c> (no semicolon: PostgreSQL adds <c>FOR UPDATE</c> inside a transaction).</summary>
    public const string IdentityById = $"SELECT {IdentityColumns} FROM identities WHERE identity_id = @id";

    public const string FindIdentity = IdentityById + ";";

    /// <summary>The tail of the lookup of the identity holding login <c>@key</c> in pool <c>@pool</c>, after the
    /// backend's join of <c>identity_logins l</c> to <c>identities i</c>.</summary>
    public const string ByLogin = "WHERE l.identity_pool_id = @pool AND l.login_key = @key;";

    public const string DeleteIdentity = "DELETE FROM identities WHERE identity_id = @id;";

    /// <summary>Binds <see cref="BindLogin"/>; no row when the login is linked already.</summary>
    public const string InsertLogin =
        "INSERT INTO identity_logins (identity_pool_id, login_key, provider, identity_id) VALUES (@pool, @key, @provider, @identity) " +
        "ON CONFLICT (identity_pool_id, login_key) DO NOTHING;";

    /// <summary>Binds <c>@identity</c> and <c>@provider</c>.</summary>
    public const string DeleteProviderLogins = "DELETE FROM identity_logins WHERE identity_id = @identity AND provider = @provider;";

    /// <summary>Binds <c>@identity</c> and <c>@key</c>.</summary>
    public const string DeleteLogin = "DELETE FROM identity_logins WHERE identity_id = @identity AND login_key = @key;";

    /// <summary>Binds <c>@source</c> and <c>@destination</c>.</summary>
    public const string MoveLogins = "UPDATE identity_logins SET identity_id = @destination WHERE identity_id = @source;";

    /// <summary>Identity <c>@id</c>'s logins, read by <see cref="ReadLogin"/>.</summary>
    public const string ListLogins = "SELECT login_key, provider FROM identity_logins WHERE identity_id = @id ORDER BY login_key;";

    /// <summary>The providers identity <c>@id</c> still has a login of.</summary>
    public const string Providers = "SELECT DISTINCT provider FROM identity_logins WHERE identity_id = @id;";

    /// <summary>Binds <see cref="BindLogins"/>.</summary>
    public const string SetLogins = "UPDATE identities SET logins_json = @logins, modified_at = @modified WHERE identity_id = @id;";

    /// <summary>A page of the identity pools by id; binds <see cref="SqlDialect.Page"/>.</summary>
    public static string ListPools(string? afterKey) =>
        $"SELECT {PoolColumns} FROM identity_pools" + (afterKey is null ? "" : " WHERE identity_pool_id > @after") +
        " ORDER BY identity_pool_id LIMIT @take;";

    /// <summary>A page of pool <c>@pool</c>'s identities by id; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string ListIdentities(string? afterKey) =>
        $"SELECT {IdentityColumns} FROM identities WHERE identity_pool_id = @pool" +
        (afterKey is null ? "" : " AND identity_id > @after") + " ORDER BY identity_id LIMIT @take;";

    public static void BindPool(SqlDialect sql, DbCommand command, StoredIdentityPool pool)
    {
        sql.Text(command, "@id", pool.IdentityPoolId);
        sql.Text(command, "@name", pool.Name);
        sql.Text(command, "@config", pool.ConfigJson);
        sql.Time(command, "@created", pool.CreatedAt);
        sql.Time(command, "@modified", pool.ModifiedAt);
        sql.Int64(command, "@version", pool.Version);
    }

    public static void BindIdentity(SqlDialect sql, DbCommand command, StoredIdentity identity)
    {
        sql.Text(command, "@identity", identity.IdentityId);
        sql.Text(command, "@pool", identity.IdentityPoolId);
        sql.Text(command, "@logins", StringListJson.Serialize(identity.Logins));
        sql.Time(command, "@created", identity.CreatedAt);
        sql.Time(command, "@modified", identity.ModifiedAt);
    }

    /// <summary>Binds <c>@pool</c>, <c>@key</c>, <c>@provider</c> and <c>@identity</c>.</summary>
    public static void BindLogin(SqlDialect sql, DbCommand command, string identityPoolId, string loginKey, string provider, string identityId)
    {
        sql.Text(command, "@pool", identityPoolId);
        sql.Text(command, "@key", loginKey);
        sql.Text(command, "@provider", provider);
        sql.Text(command, "@identity", identityId);
    }

    /// <summary>Binds <c>@pool</c> and <c>@key</c> for <see cref="ByLogin"/>.</summary>
    public static void LoginKey(SqlDialect sql, DbCommand command, string identityPoolId, string loginKey)
    {
        sql.Text(command, "@pool", identityPoolId);
        sql.Text(command, "@key", loginKey);
    }

    /// <summary>Binds <c>@id</c>, <c>@logins</c> and <c>@modified</c> for <see cref="SetLogins"/>.</summary>
    public static void BindLogins(SqlDialect sql, DbCommand command, string identityId, IReadOnlyList<string> logins, DateTimeOffset now)
    {
        sql.Text(command, "@logins", StringListJson.Serialize(logins));
        sql.Time(command, "@modified", now);
        sql.Text(command, "@id", identityId);
    }

    /// <summary>The provider list of <paramref name="identity"/> once a login of <paramref name="provider"/> is
    /// linked: unchanged when it has one already, else the provider appended.</summary>
    public static IReadOnlyList<string> WithProvider(StoredIdentity identity, string provider) =>
        identity.Logins.Contains(provider, StringComparer.Ordinal) ? identity.Logins : [.. identity.Logins, provider];

    /// <summary>The provider list of an identity that took over another's logins: its own providers in link order,
    /// then the other's that it did not have.</summary>
    public static IReadOnlyList<string> MergeLogins(IReadOnlyList<string> destination, IReadOnlyList<string> source) =>
        [.. destination, .. source.Where(p => !destination.Contains(p, StringComparer.Ordinal))];

    /// <summary>Reads a row of <see cref="PoolColumns"/>.</summary>
    public static StoredIdentityPool ReadPool(DbDataReader reader, SqlDialect sql) => new()
    {
        IdentityPoolId = reader.GetString(0),
        Name = reader.GetString(1),
        ConfigJson = reader.GetString(2),
        CreatedAt = sql.GetTime(reader, 3),
        ModifiedAt = sql.GetTime(reader, 4),
        Version = reader.GetInt64(5),
    };

    /// <summary>Reads a row of <see cref="IdentityColumns"/>.</summary>
    public static StoredIdentity ReadIdentity(DbDataReader reader, SqlDialect sql) => new()
    {
        IdentityId = reader.GetString(0),
        IdentityPoolId = reader.GetString(1),
        Logins = StringListJson.Parse(reader.GetString(2)),
        CreatedAt = sql.GetTime(reader, 3),
        ModifiedAt = sql.GetTime(reader, 4),
    };

    /// <summary>Reads a row of <see cref="ListLogins"/>.</summary>
    public static IdentityLogin ReadLogin(DbDataReader reader, SqlDialect sql) => new(reader.GetString(0), reader.GetString(1));

    /// <summary>Every provider <see cref="Providers"/> returns.</summary>
    public static async Task<HashSet<string>> ReadProvidersAsync(DbCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var providers = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            _ = providers.Add(reader.GetString(0));
        }

        return providers;
    }
}
