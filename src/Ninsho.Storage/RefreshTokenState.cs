namespace Ninsho.Storage;

/// <summary>What a refresh of a sealed (self-contained) refresh token reads, in one statement
/// (<see cref="IRefreshTokenStore.FindUserWithStateAsync"/>): the user the token names, and the token's state as far
/// as it has changed since it was sealed.</summary>
/// <param name="User">The user, or null when there is none under that username key.</param>
/// <param name="RevokedAt">The token's own row's revocation time; null when it has no row or is not revoked.</param>
/// <param name="RotatedUntil">The token's own row's rotation deadline; null when it has no row or was not rotated.</param>
/// <param name="OriginRevoked">True when any token of its family (the same origin jti) is revoked.</param>
public sealed record RefreshTokenState(StoredUser? User, DateTimeOffset? RevokedAt, DateTimeOffset? RotatedUntil, bool OriginRevoked);
