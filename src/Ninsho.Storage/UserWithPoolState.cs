namespace Ninsho.Storage;

/// <summary>A user read in one statement together with what a request must check beside it: the pool's current
/// version (so a node can tell whether its parsed copy of the pool configuration is current) and whether the
/// refresh token an access token was minted from has been revoked, and the version of the token's app client (so a
/// node can tell whether its parsed copy of the client is current). All come from one snapshot.</summary>
/// <param name="PoolVersion">The pool's stored version; null when the pool does not exist (User is then null too).</param>
/// <param name="User">The user, or null when the pool has no user with that key.</param>
/// <param name="OriginRevoked">True when a refresh token with the given origin jti exists and is revoked.</param>
/// <param name="ClientVersion">The stored version of the app client asked for, when it exists in that pool.</param>
public sealed record UserWithPoolState(long? PoolVersion, StoredUser? User, bool OriginRevoked, long? ClientVersion = null);
