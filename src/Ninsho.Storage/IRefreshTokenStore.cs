namespace Ninsho.Storage;

/// <summary>Refresh tokens, kept as hashes. A sealed refresh token (one that carries its own state) has a row only
/// once its state changed: revoked or rotated (<see cref="AddSealedAsync"/>).</summary>
public interface IRefreshTokenStore
{
    Task AddAsync(StoredRefreshToken token, CancellationToken ct);

    Task<StoredRefreshToken?> FindAsync(string tokenHash, CancellationToken ct);

    /// <summary>The token with the user it was issued to, in one statement; null when there is no such token.</summary>
    Task<RefreshTokenWithUser?> FindWithUserAsync(string tokenHash, CancellationToken ct);

    /// <summary>A refresh of a sealed token, in one statement: the user <paramref name="usernameKey"/> of the pool,
    /// the row of the token <paramref name="tokenHash"/> if it has one, and whether its family
    /// (<paramref name="originJti"/>) is revoked.</summary>
    Task<RefreshTokenState> FindUserWithStateAsync(string userPoolId, string usernameKey, string tokenHash, string originJti, CancellationToken ct);

    /// <summary>Stores the row of a sealed token whose state is about to change (before a revocation or a rotation),
    /// revoked already when its family is; a row already there is left as it is. Stores nothing, returning false,
    /// when the user of that username key is not the one with <paramref name="sub"/> (deleted, perhaps re-created) or
    /// the client is gone: such a token is refused anyway.</summary>
    Task<bool> AddSealedAsync(StoredRefreshToken token, string sub, CancellationToken ct);

    /// <summary>Marks the token revoked, with every token of its family (the same <see cref="StoredRefreshToken.OriginJti"/>:
    /// the tokens rotation made from one sign-in); false when there is no such token.</summary>
    Task<bool> RevokeAsync(string tokenHash, DateTimeOffset at, CancellationToken ct);

    /// <summary>Rotation, in one transaction: when the token <paramref name="tokenHash"/> is not revoked, not expired at
    /// <paramref name="now"/> and not past an earlier rotation's deadline, sets its
    /// <see cref="StoredRefreshToken.RotatedUntil"/> to <paramref name="rotatedUntil"/> (an earlier rotation's deadline
    /// stays) and adds <paramref name="replacement"/>. False, adding nothing, when the token cannot be rotated.</summary>
    Task<bool> RotateAsync(string tokenHash, StoredRefreshToken replacement, DateTimeOffset now, DateTimeOffset rotatedUntil, CancellationToken ct);

    /// <summary>Marks every refresh token of the user revoked (global sign-out); returns how many.</summary>
    Task<int> RevokeAllForUserAsync(string userPoolId, string usernameKey, DateTimeOffset at, CancellationToken ct);

    /// <summary>True when a refresh token with this origin jti exists and is revoked: access tokens minted
    /// from it are no longer accepted.</summary>
    Task<bool> IsOriginRevokedAsync(string originJti, CancellationToken ct);

    /// <summary>Deletes tokens that expired before <paramref name="before"/>; returns how many. Deletes in batches, so
    /// it never holds the write lock for long.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct);
}
