using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteRefreshTokenStore(SqliteConnectionFactory db) : IRefreshTokenStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task AddAsync(StoredRefreshToken token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(RefreshTokenRows.Insert);
        RefreshTokenRows.Bind(Sql, insert, token);
        _ = await insert.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
    }

    public async Task<bool> RotateAsync(string tokenHash, StoredRefreshToken replacement, DateTimeOffset now, DateTimeOffset rotatedUntil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        await using var write = await db.BeginWriteAsync(ct);
        using (var update = write.Command(RefreshTokenRows.MarkRotated + ";"))
        {
            RefreshTokenRows.Rotation(Sql, update, tokenHash, now, rotatedUntil);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        using var insert = write.Command(RefreshTokenRows.Insert);
        RefreshTokenRows.Bind(Sql, insert, replacement);
        _ = await insert.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<StoredRefreshToken?> FindAsync(string tokenHash, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(RefreshTokenRows.Find);
        Sql.Text(select, "@hash", tokenHash);
        return await Sql.ReadFirstAsync(select, RefreshTokenRows.Read, ct);
    }

    public async Task<RefreshTokenWithUser?> FindWithUserAsync(string tokenHash, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(RefreshTokenRows.FindWithUser);
        Sql.Text(select, "@hash", tokenHash);
        return await Sql.ReadFirstAsync(select, RefreshTokenRows.ReadWithUser, ct);
    }

    public async Task<RefreshTokenState> FindUserWithStateAsync(string userPoolId, string usernameKey, string tokenHash, string originJti, CancellationToken ct)
    {
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(RefreshTokenRows.FindUserWithState);
        RefreshTokenRows.State(Sql, select, userPoolId, usernameKey, tokenHash, originJti);
        return (await Sql.ReadFirstAsync(select, RefreshTokenRows.ReadState, ct))!;
    }

    public async Task<bool> AddSealedAsync(StoredRefreshToken token, string sub, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(RefreshTokenRows.InsertSealed);
        RefreshTokenRows.Bind(Sql, insert, token);
        Sql.Text(insert, "@sub", sub);
        var added = await insert.ExecuteNonQueryAsync(ct) > 0;
        await write.CommitAsync(ct);
        return added;
    }

    public async Task<bool> RevokeAsync(string tokenHash, DateTimeOffset at, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(RefreshTokenRows.Revoke);
        Sql.Text(update, "@hash", tokenHash);
        Sql.Time(update, "@at", at);
        var found = await update.ExecuteNonQueryAsync(ct) > 0;
        await write.CommitAsync(ct);
        return found;
    }

    public async Task<int> RevokeAllForUserAsync(string userPoolId, string usernameKey, DateTimeOffset at, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(RefreshTokenRows.RevokeAllForUser);
        UserRows.Key(Sql, update, userPoolId, usernameKey);
        Sql.Time(update, "@at", at);
        var count = await update.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return count;
    }

    public async Task<bool> IsOriginRevokedAsync(string originJti, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(RefreshTokenRows.IsOriginRevoked);
        Sql.Text(select, "@origin", originJti);
        return (long)(await select.ExecuteScalarAsync(ct))! == 1;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct) =>
        db.DeleteInBatchesAsync(
            "DELETE FROM refresh_tokens WHERE token_hash IN " +
            "(SELECT token_hash FROM refresh_tokens WHERE expires_at < $before LIMIT $batch);",
            command => command.With("$before", before),
            ct);
}
