using System.Data.Common;
using System.Text;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>users</c> rows and their <c>user_search</c> index rows as both backends store them: the SQL they
/// run the same, the parameter binding and the row reader. The backends keep their connections and transactions,
/// the search joins (SQLite pins its indexes and join order), the user count and the bulk inserts.</summary>
internal static class UserRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "pool_id, username_key, username, sub, status, enabled, created_at, modified_at, attributes_json, password_hash, " +
        "password_set_at, tokens_valid_after, failed_sign_ins, last_failed_sign_in_at, extra_json, version";

    /// <summary><see cref="Columns"/> qualified by the alias <c>u</c>, for a join.</summary>
    public const string JoinedColumns =
        "u.pool_id, u.username_key, u.username, u.sub, u.status, u.enabled, u.created_at, u.modified_at, u.attributes_json, u.password_hash, " +
        "u.password_set_at, u.tokens_valid_after, u.failed_sign_ins, u.last_failed_sign_in_at, u.extra_json, u.version";

    /// <summary>Binds <see cref="Bind"/>; no row when the username key is taken in the pool.</summary>
    public const string Insert =
        $"INSERT INTO users ({Columns}) VALUES (@pool, @key, @username, @sub, @status, @enabled, @created, @modified, @attributes, " +
        "@password_hash, @password_set_at, @tokens_valid_after, @failed_sign_ins, @last_failed_sign_in_at, @extra, @version) " +
        "ON CONFLICT (pool_id, username_key) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c>.</summary>
    public const string Update =
        "UPDATE users SET username = @username, sub = @sub, status = @status, enabled = @enabled, created_at = @created, " +
        "modified_at = @modified, attributes_json = @attributes, password_hash = @password_hash, password_set_at = @password_set_at, " +
        "tokens_valid_after = @tokens_valid_after, failed_sign_ins = @failed_sign_ins, last_failed_sign_in_at = @last_failed_sign_in_at, " +
        "extra_json = @extra, version = @version + 1 " +
        "WHERE pool_id = @pool AND username_key = @key AND version = @version;";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Exists = "SELECT EXISTS (SELECT 1 FROM users WHERE pool_id = @pool AND username_key = @key);";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM users WHERE pool_id = @pool AND username_key = @key;";

    /// <summary>Binds <see cref="Key"/>; foreign keys cascade to the user's refresh tokens (not the search rows).</summary>
    public const string Delete = "DELETE FROM users WHERE pool_id = @pool AND username_key = @key;";

    /// <summary>One statement, one snapshot: the pool row drives (no row: no pool), the user is left-joined by its
    /// key, and the origin check is an EXISTS on the origin index (a NULL origin matches nothing). Binds
    /// <see cref="Key"/>, <c>@origin</c> and <c>@client</c>; read by <see cref="ReadWithPoolStateAsync"/>.</summary>
    public const string FindWithPoolState =
        "SELECT p.version, EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.origin_jti = @origin AND r.revoked_at IS NOT NULL), " +
        "(SELECT c.version FROM user_pool_clients c WHERE c.client_id = @client AND c.pool_id = p.pool_id), " +
        $"{JoinedColumns} FROM user_pools p LEFT JOIN users u ON u.pool_id = p.pool_id AND u.username_key = @key WHERE p.pool_id = @pool;";

    /// <summary>Binds <see cref="Key"/>: the user's <c>user_search</c> rows, found through the
    /// (pool_id, attr, username_key) index with one seek per searchable attribute.</summary>
    public static readonly string DeleteSearchRows =
        $"DELETE FROM user_search WHERE pool_id = @pool AND attr IN ({string.Join(", ", SearchableAttributes.All.Select(static a => $"'{a}'"))}) " +
        "AND username_key = @key;";

    /// <summary>A user's current <c>user_search</c> rows (attr, value); binds <c>@pool</c> and <c>@key</c>.</summary>
    public static readonly string SelectSearchRows =
        $"SELECT attr, value FROM user_search WHERE pool_id = @pool AND attr IN ({string.Join(", ", SearchableAttributes.All.Select(static a => $"'{a}'"))}) " +
        "AND username_key = @key;";

    /// <summary>Whether <paramref name="stored"/> (the rows as read) are exactly <paramref name="wanted"/>
    /// (<see cref="SearchRows"/>), so an update that changed no searchable value rewrites nothing.</summary>
    public static bool SameSearchRows(IReadOnlyCollection<KeyValuePair<string, string>> stored, List<KeyValuePair<string, string>> wanted) =>
        stored.Count == wanted.Count && wanted.TrueForAll(stored.Contains);

    /// <summary>A page of a pool's users by username key; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM users WHERE pool_id = @pool ORDER BY username_key LIMIT @take;"
        : $"SELECT {Columns} FROM users WHERE pool_id = @pool AND username_key > @after ORDER BY username_key LIMIT @take;";

    /// <summary>The tail of a search, after the backend's join of <c>user_search s</c> to <c>users u</c>: equality as
    /// <c>value = v</c>, prefix as the range <c>value &gt;= p AND value &lt; upper(p)</c>, in username key order.
    /// Binds <see cref="BindSearch"/> and <c>@take</c>.</summary>
    public static string SearchWhere(UserFilter filter, string? afterKey)
    {
        ValidateFilter(filter);
        var sql = new StringBuilder("WHERE s.pool_id = @pool AND s.attr = @attr");
        if (!filter.Prefix)
        {
            _ = sql.Append(" AND s.value = @value");
        }
        else
        {
            _ = sql.Append(" AND s.value >= @value");
            if (PrefixRange.UpperBound(filter.Value) is not null)
            {
                _ = sql.Append(" AND s.value < @upper");
            }
        }

        if (afterKey is not null)
        {
            _ = sql.Append(" AND s.username_key > @after");
        }

        return sql.Append(" ORDER BY s.username_key LIMIT @take;").ToString();
    }

    /// <summary>Binds the parameters of <see cref="SearchWhere"/> but <c>@take</c>.</summary>
    public static void BindSearch(SqlDialect sql, DbCommand command, string userPoolId, UserFilter filter, string? afterKey)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@attr", filter.Attribute);
        sql.Text(command, "@value", filter.Value);
        if (filter.Prefix && PrefixRange.UpperBound(filter.Value) is { } upper)
        {
            sql.Text(command, "@upper", upper);
        }

        if (afterKey is not null)
        {
            sql.Text(command, "@after", afterKey);
        }
    }

    /// <summary>The rows of the <c>user_search</c> index table for one user: one per searchable attribute that has a value.</summary>
    public static List<KeyValuePair<string, string>> SearchRows(StoredUser user)
    {
        var rows = new List<KeyValuePair<string, string>>(SearchableAttributes.All.Count);
        foreach (var attribute in SearchableAttributes.All)
        {
            if (SearchableAttributes.ValueOf(user, attribute) is { } value)
            {
                rows.Add(new(attribute, value));
            }
        }

        return rows;
    }

    /// <summary>Throws unless <paramref name="filter"/> names a searchable attribute.</summary>
    public static void ValidateFilter(UserFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!SearchableAttributes.All.Contains(filter.Attribute))
        {
            throw new ArgumentException($"'{filter.Attribute}' is not a searchable attribute.", nameof(filter));
        }
    }

    public static void Bind(SqlDialect sql, DbCommand command, StoredUser user)
    {
        Key(sql, command, user.UserPoolId, user.UsernameKey);
        sql.Text(command, "@username", user.Username);
        sql.Text(command, "@sub", user.Sub);
        sql.Text(command, "@status", user.Status);
        sql.Bool(command, "@enabled", user.Enabled);
        sql.Time(command, "@created", user.CreatedAt);
        sql.Time(command, "@modified", user.ModifiedAt);
        sql.Json(command, "@attributes", AttributesJson.Serialize(user.Attributes));
        sql.Text(command, "@password_hash", user.PasswordHash);
        sql.Time(command, "@password_set_at", user.PasswordSetAt);
        sql.Time(command, "@tokens_valid_after", user.TokensValidAfter);
        sql.Int32(command, "@failed_sign_ins", user.FailedSignIns);
        sql.Time(command, "@last_failed_sign_in_at", user.LastFailedSignInAt);
        sql.Text(command, "@extra", user.ExtraJson);
        sql.Int64(command, "@version", user.Version);
    }

    /// <summary>Binds <c>@pool</c> and <c>@key</c> (the username key).</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string usernameKey)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@key", usernameKey);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredUser Read(DbDataReader reader, SqlDialect sql) => ReadAt(reader, sql, 0);

    /// <summary>Reads <see cref="Columns"/> from ordinal <paramref name="at"/> on, after a join's own columns.</summary>
    public static StoredUser ReadAt(DbDataReader reader, SqlDialect sql, int at) => new()
    {
        UserPoolId = reader.GetString(at),
        UsernameKey = reader.GetString(at + 1),
        Username = reader.GetString(at + 2),
        Sub = reader.GetString(at + 3),
        Status = reader.GetString(at + 4),
        Enabled = sql.GetBool(reader, at + 5),
        CreatedAt = sql.GetTime(reader, at + 6),
        ModifiedAt = sql.GetTime(reader, at + 7),
        Attributes = AttributesJson.Parse(reader.GetString(at + 8)),
        PasswordHash = reader.GetNullableString(at + 9),
        PasswordSetAt = sql.GetNullableTime(reader, at + 10),
        TokensValidAfter = sql.GetNullableTime(reader, at + 11),
        FailedSignIns = reader.GetInt32(at + 12),
        LastFailedSignInAt = sql.GetNullableTime(reader, at + 13),
        ExtraJson = reader.GetNullableString(at + 14),
        Version = reader.GetInt64(at + 15),
    };

    /// <summary>Reads the row of <see cref="FindWithPoolState"/>; no row means no pool.</summary>
    public static async Task<UserWithPoolState> ReadWithPoolStateAsync(DbCommand select, SqlDialect sql, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return new UserWithPoolState(null, null, false);
        }

        return new UserWithPoolState(
            reader.GetInt64(0), reader.IsDBNull(3) ? null : ReadAt(reader, sql, 3), sql.GetBool(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }
}
