using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlRefreshTokenStore(PostgreSqlCommands db) : IRefreshTokenStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task AddAsync(StoredRefreshToken token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var insert = db.CreateCommand(RefreshTokenRows.Insert);
        RefreshTokenRows.Bind(Sql, insert, token);
        _ = await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> RotateAsync(string tokenHash, StoredRefreshToken replacement, DateTimeOffset now, DateTimeOffset rotatedUntil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replacement);

        // One statement: the update locks the old row, so of two rotations racing for it the second re-reads the row
        // the first changed; the replacement is inserted only when the update found the token usable.
        await using var rotate = db.CreateCommand(
            $"WITH old AS ({RefreshTokenRows.MarkRotated} RETURNING 1) " +
            $"INSERT INTO refresh_tokens ({RefreshTokenRows.Columns}) SELECT {RefreshTokenRows.Values} FROM old;");
        RefreshTokenRows.Bind(Sql, rotate, replacement);
        RefreshTokenRows.Rotation(Sql, rotate, tokenHash, now, rotatedUntil);
        return await rotate.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<StoredRefreshToken?> FindAsync(string tokenHash, CancellationToken ct)
    {
        await using var select = db.CreateCommand(RefreshTokenRows.Find);
        Sql.Text(select, "@hash", tokenHash);
        return await Sql.ReadFirstAsync(select, RefreshTokenRows.Read, ct);
    }

    public async Task<RefreshTokenWithUser?> FindWithUserAsync(string tokenHash, CancellationToken ct)
    {
        await using var select = db.CreateCommand(RefreshTokenRows.FindWithUser);
        Sql.Text(select, "@hash", tokenHash);
        return await Sql.ReadFirstAsync(select, RefreshTokenRows.ReadWithUser, ct);
    }

    public async Task<RefreshTokenState> FindUserWithStateAsync(string userPoolId, string usernameKey, string tokenHash, string originJti, CancellationToken ct)
    {
        await using var select = db.CreateCommand(RefreshTokenRows.FindUserWithState);
        RefreshTokenRows.State(Sql, select, userPoolId, usernameKey, tokenHash, originJti);
        return (await Sql.ReadFirstAsync(select, RefreshTokenRows.ReadState, ct))!;
    }

    public async Task<bool> AddSealedAsync(StoredRefreshToken token, string sub, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var insert = db.CreateCommand(RefreshTokenRows.InsertSealed);
        RefreshTokenRows.Bind(Sql, insert, token);
        Sql.Text(insert, "@sub", sub);
        return await insert.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<bool> RevokeAsync(string tokenHash, DateTimeOffset at, CancellationToken ct)
    {
        await using var update = db.CreateCommand(RefreshTokenRows.Revoke);
        Sql.Text(update, "@hash", tokenHash);
        Sql.Time(update, "@at", at);
        return await update.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<int> RevokeAllForUserAsync(string userPoolId, string usernameKey, DateTimeOffset at, CancellationToken ct)
    {
        await using var update = db.CreateCommand(RefreshTokenRows.RevokeAllForUser);
        UserRows.Key(Sql, update, userPoolId, usernameKey);
        Sql.Time(update, "@at", at);
        return await update.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> IsOriginRevokedAsync(string originJti, CancellationToken ct)
    {
        await using var select = db.CreateCommand(RefreshTokenRows.IsOriginRevoked);
        Sql.Text(select, "@origin", originJti);
        return (bool)(await select.ExecuteScalarAsync(ct))!;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM refresh_tokens WHERE token_hash IN " +
            "(SELECT token_hash FROM refresh_tokens WHERE expires_at < @before LIMIT @batch);",
            command => command.WithTime("before", before),
            ct);
}
