using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlRefreshTokenStore(PostgreSqlCommands db) : IRefreshTokenStore
{
    private const string Columns = "token_hash, pool_id, client_id, username_key, origin_jti, auth_time, issued_at, expires_at, revoked_at, scope, rotated_until";

    public async Task AddAsync(StoredRefreshToken token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO refresh_tokens ({Columns}) VALUES (@hash, @pool, @client, @key, @origin, @auth_time, @issued, @expires, @revoked, @scope, @rotated_until);"),
            token);
        _ = await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> RotateAsync(string tokenHash, StoredRefreshToken replacement, DateTimeOffset now, DateTimeOffset rotatedUntil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replacement);

        // One statement: the update locks the old row, so of two rotations racing for it the second re-reads the row
        // the first changed; the replacement is inserted only when the update found the token usable.
        await using var rotate = Bind(db.CreateCommand(
            "WITH old AS (UPDATE refresh_tokens SET rotated_until = coalesce(rotated_until, @until) WHERE token_hash = @old " +
            "AND revoked_at IS NULL AND expires_at > @now AND (rotated_until IS NULL OR rotated_until > @now) RETURNING 1) " +
            $"INSERT INTO refresh_tokens ({Columns}) SELECT @hash, @pool, @client, @key, @origin, @auth_time, @issued, @expires, @revoked, @scope, @rotated_until FROM old;"),
            replacement)
            .With("old", tokenHash)
            .WithTime("until", rotatedUntil)
            .WithTime("now", now);
        return await rotate.ExecuteNonQueryAsync(ct) == 1;
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredRefreshToken token) =>
        command
            .With("hash", token.TokenHash)
            .With("pool", token.UserPoolId)
            .With("client", token.ClientId)
            .With("key", token.UsernameKey)
            .With("origin", token.OriginJti)
            .WithTime("auth_time", token.AuthTime)
            .WithTime("issued", token.IssuedAt)
            .WithTime("expires", token.ExpiresAt)
            .WithTime("revoked", token.RevokedAt)
            .WithText("scope", token.Scope)
            .WithTime("rotated_until", token.RotatedUntil);

    public async Task<StoredRefreshToken?> FindAsync(string tokenHash, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM refresh_tokens WHERE token_hash = @hash;").With("hash", tokenHash);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<RefreshTokenWithUser?> FindWithUserAsync(string tokenHash, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT r.token_hash, r.pool_id, r.client_id, r.username_key, r.origin_jti, r.auth_time, r.issued_at, r.expires_at, r.revoked_at, r.scope, r.rotated_until, " +
            $"{UserRows.JoinedColumns} FROM refresh_tokens r " +
            "LEFT JOIN users u ON u.pool_id = r.pool_id AND u.username_key = r.username_key WHERE r.token_hash = @hash;")
            .With("hash", tokenHash);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new RefreshTokenWithUser(Read(reader), reader.IsDBNull(11) ? null : UserRows.ReadAt(reader, PostgreSqlDialect.Instance, 11));
    }

    public async Task<bool> RevokeAsync(string tokenHash, DateTimeOffset at, CancellationToken ct)
    {
        // The whole family (docs/compatibility-refresh-rotation.md); a token revoked twice keeps the first revocation time.
        await using var update = db.CreateCommand(
            "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, @at) " +
            "WHERE origin_jti = (SELECT origin_jti FROM refresh_tokens WHERE token_hash = @hash);")
            .With("hash", tokenHash)
            .WithTime("at", at);
        return await update.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<int> RevokeAllForUserAsync(string userPoolId, string usernameKey, DateTimeOffset at, CancellationToken ct)
    {
        await using var update = db.CreateCommand(
            "UPDATE refresh_tokens SET revoked_at = @at WHERE pool_id = @pool AND username_key = @key AND revoked_at IS NULL;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .WithTime("at", at);
        return await update.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> IsOriginRevokedAsync(string originJti, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE origin_jti = @origin AND revoked_at IS NOT NULL);")
            .With("origin", originJti);
        return (bool)(await select.ExecuteScalarAsync(ct))!;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM refresh_tokens WHERE token_hash IN " +
            "(SELECT token_hash FROM refresh_tokens WHERE expires_at < @before LIMIT @batch);",
            command => command.WithTime("before", before),
            ct);

    private static StoredRefreshToken Read(NpgsqlDataReader reader, int at = 0) => new()
    {
        TokenHash = reader.GetString(at),
        UserPoolId = reader.GetString(at + 1),
        ClientId = reader.GetString(at + 2),
        UsernameKey = reader.GetString(at + 3),
        OriginJti = reader.GetString(at + 4),
        AuthTime = reader.GetTimestamp(at + 5),
        IssuedAt = reader.GetTimestamp(at + 6),
        ExpiresAt = reader.GetTimestamp(at + 7),
        RevokedAt = reader.GetNullableTimestamp(at + 8),
        Scope = reader.IsDBNull(at + 9) ? null : reader.GetString(at + 9),
        RotatedUntil = reader.GetNullableTimestamp(at + 10),
    };
}
