using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>A pool with one of its users (null when there is no user of that key), read together
/// (<see cref="UserPoolService.FindWithUserAsync"/>), and whether the access token's origin is revoked.</summary>
internal sealed record PoolUser(UserPoolSettings Pool, StoredUser? User, bool OriginRevoked)
{
    /// <summary>The stored version of the app client asked for, when it exists in the pool.</summary>
    public long? ClientVersion { get; init; }
}
