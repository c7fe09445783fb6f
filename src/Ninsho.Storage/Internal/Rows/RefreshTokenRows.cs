using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>refresh_tokens</c> rows as both backends store them: the SQL they run the same, the parameter
/// binding and the row readers. The backends keep their connections, the rotation (SQLite: an update and an insert
/// in one write transaction; PostgreSQL: one statement) and the batched purge (each backend's batch parameter).</summary>
internal static class RefreshTokenRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "token_hash, pool_id, client_id, username_key, origin_jti, auth_time, issued_at, expires_at, revoked_at, scope, rotated_until";

    /// <summary>The parameters of <see cref="Bind"/> in the order of <see cref="Columns"/>.</summary>
    public const string Values = "@hash, @pool, @client, @key, @origin, @auth_time, @issued, @expires, @revoked, @scope, @rotated_until";

    /// <summary>Binds <see cref="Bind"/>.</summary>
    public const string Insert = $"INSERT INTO refresh_tokens ({Columns}) VALUES ({Values});";

    /// <summary>Marks token <c>@old</c> rotated (until <c>@until</c>) when it is still usable at <c>@now</c>; changes
    /// no row otherwise (no semicolon: PostgreSQL wraps it).</summary>
    public const string MarkRotated =
        "UPDATE refresh_tokens SET rotated_until = coalesce(rotated_until, @until) WHERE token_hash = @old AND revoked_at IS NULL " +
        "AND expires_at > @now AND (rotated_until IS NULL OR rotated_until > @now)";

    /// <summary>Binds <c>@hash</c>.</summary>
    public const string Find = $"SELECT {Columns} FROM refresh_tokens WHERE token_hash = @hash;";

    /// <summary>Binds <c>@hash</c>: <see cref="Columns"/>, then the user's columns (null when the user is gone);
    /// read by <see cref="ReadWithUser"/>.</summary>
    public const string FindWithUser =
        "SELECT r.token_hash, r.pool_id, r.client_id, r.username_key, r.origin_jti, r.auth_time, r.issued_at, r.expires_at, r.revoked_at, r.scope, r.rotated_until, " +
        $"{UserRows.JoinedColumns} FROM refresh_tokens r " +
        "LEFT JOIN users u ON u.pool_id = r.pool_id AND u.username_key = r.username_key WHERE r.token_hash = @hash;";

    /// <summary>Binds <c>@hash</c> and <c>@at</c>: revokes the whole family (docs/compatibility-refresh-rotation.md);
    /// a token revoked twice keeps the first revocation time.</summary>
    public const string Revoke =
        "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, @at) " +
        "WHERE origin_jti = (SELECT origin_jti FROM refresh_tokens WHERE token_hash = @hash);";

    /// <summary>Binds <see cref="Bind"/> and <c>@sub</c>: the row of a sealed token, inheriting its family's revocation,
    /// only while its user (same sub) and client exist (the foreign keys would refuse it otherwise); no row when the
    /// token has one. The WHERE clause also keeps SQLite's parser from reading ON CONFLICT as a join's ON.</summary>
    public const string InsertSealed =
        $"INSERT INTO refresh_tokens ({Columns}) SELECT @hash, @pool, @client, @key, @origin, @auth_time, @issued, @expires, " +
        "coalesce(@revoked, (SELECT max(o.revoked_at) FROM refresh_tokens o WHERE o.origin_jti = @origin)), @scope, @rotated_until " +
        "WHERE EXISTS (SELECT 1 FROM users u WHERE u.pool_id = @pool AND u.username_key = @key AND u.sub = @sub) " +
        "AND EXISTS (SELECT 1 FROM user_pool_clients c WHERE c.client_id = @client) " +
        "ON CONFLICT (token_hash) DO NOTHING;";

    /// <summary>Binds <c>@pool</c>, <c>@key</c>, <c>@hash</c> and <c>@origin</c>: the token row's revocation and rotation
    /// times, whether its family is revoked, then the user's columns (null when there is no user); one row always.
    /// Read by <see cref="ReadState"/>.</summary>
    public const string FindUserWithState =
        "SELECT r.revoked_at, r.rotated_until, EXISTS (SELECT 1 FROM refresh_tokens o WHERE o.origin_jti = @origin AND o.revoked_at IS NOT NULL), " +
        $"{UserRows.JoinedColumns} FROM (SELECT 1 AS one) d " +
        "LEFT JOIN users u ON u.pool_id = @pool AND u.username_key = @key LEFT JOIN refresh_tokens r ON r.token_hash = @hash;";

    /// <summary>Binds <c>@pool</c>, <c>@key</c> and <c>@at</c>.</summary>
    public const string RevokeAllForUser =
        "UPDATE refresh_tokens SET revoked_at = @at WHERE pool_id = @pool AND username_key = @key AND revoked_at IS NULL;";

    /// <summary>Binds <c>@origin</c>.</summary>
    public const string IsOriginRevoked = "SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE origin_jti = @origin AND revoked_at IS NOT NULL);";

    public static void Bind(SqlDialect sql, DbCommand command, StoredRefreshToken token)
    {
        sql.Text(command, "@hash", token.TokenHash);
        sql.Text(command, "@pool", token.UserPoolId);
        sql.Text(command, "@client", token.ClientId);
        sql.Text(command, "@key", token.UsernameKey);
        sql.Text(command, "@origin", token.OriginJti);
        sql.Time(command, "@auth_time", token.AuthTime);
        sql.Time(command, "@issued", token.IssuedAt);
        sql.Time(command, "@expires", token.ExpiresAt);
        sql.Time(command, "@revoked", token.RevokedAt);
        sql.Text(command, "@scope", token.Scope);
        sql.Time(command, "@rotated_until", token.RotatedUntil);
    }

    /// <summary>Binds <see cref="MarkRotated"/>'s <c>@old</c>, <c>@until</c> and <c>@now</c>.</summary>
    public static void Rotation(SqlDialect sql, DbCommand command, string tokenHash, DateTimeOffset now, DateTimeOffset rotatedUntil)
    {
        sql.Text(command, "@old", tokenHash);
        sql.Time(command, "@until", rotatedUntil);
        sql.Time(command, "@now", now);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredRefreshToken Read(DbDataReader reader, SqlDialect sql) => new()
    {
        TokenHash = reader.GetString(0),
        UserPoolId = reader.GetString(1),
        ClientId = reader.GetString(2),
        UsernameKey = reader.GetString(3),
        OriginJti = reader.GetString(4),
        AuthTime = sql.GetTime(reader, 5),
        IssuedAt = sql.GetTime(reader, 6),
        ExpiresAt = sql.GetTime(reader, 7),
        RevokedAt = sql.GetNullableTime(reader, 8),
        Scope = reader.GetNullableString(9),
        RotatedUntil = sql.GetNullableTime(reader, 10),
    };

    /// <summary>Binds <see cref="FindUserWithState"/>'s parameters.</summary>
    public static void State(SqlDialect sql, DbCommand command, string userPoolId, string usernameKey, string tokenHash, string originJti)
    {
        UserRows.Key(sql, command, userPoolId, usernameKey);
        sql.Text(command, "@hash", tokenHash);
        sql.Text(command, "@origin", originJti);
    }

    /// <summary>Reads the row of <see cref="FindUserWithState"/>.</summary>
    public static RefreshTokenState ReadState(DbDataReader reader, SqlDialect sql) =>
        new(reader.IsDBNull(3) ? null : UserRows.ReadAt(reader, sql, 3), sql.GetNullableTime(reader, 0), sql.GetNullableTime(reader, 1), sql.GetBool(reader, 2));

    /// <summary>Reads a row of <see cref="FindWithUser"/>.</summary>
    public static RefreshTokenWithUser ReadWithUser(DbDataReader reader, SqlDialect sql) =>
        new(Read(reader, sql), reader.IsDBNull(11) ? null : UserRows.ReadAt(reader, sql, 11));
}
