using Ninsho.Core.Pools;
using Ninsho.Core.Tokens;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>What an access token proved: its pool, its user and its claims, with the stored version of its app
/// client read in the same snapshot (null when the client no longer exists in the pool), so the client's parsed
/// settings can be reused without another read (<see cref="Pools.UserPoolClientService.CachedAt"/>).</summary>
internal sealed record AuthenticatedAccess(UserPoolSettings Pool, StoredUser User, AccessTokenClaims Claims)
{
    public long? ClientVersion { get; init; }
}
