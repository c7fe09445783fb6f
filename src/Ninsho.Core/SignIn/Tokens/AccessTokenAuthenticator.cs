using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.SignIn;

/// <summary>Authenticates the AccessToken of a token-authorized operation (GetUser, GlobalSignOut, …):
/// signature and expiry, scope, revocation (sign-out, revoked refresh token) and the user's state.</summary>
internal sealed class AccessTokenAuthenticator(
    UserPoolService pools, PoolSigningKeys keys, AccessTokenValidator validator, IIssuerUrls urls)
{
    private const string AdminScope = "aws.cognito.signin.user.admin";

    public Task<AuthenticatedAccess> AuthenticateAsync(string accessToken, CancellationToken ct) =>
        AuthenticateAsync(accessToken, AdminScope, ct);

    /// <summary>The same checks, with the scope the token must hold (<c>openid</c> for the userInfo endpoint).</summary>
    public async Task<AuthenticatedAccess> AuthenticateAsync(string accessToken, string requiredScope, CancellationToken ct)
    {
        var issuer = AccessTokenValidator.ReadUnverifiedIssuer(accessToken);
        var slash = issuer?.LastIndexOf('/') ?? -1;
        if (issuer is null || slash < 0)
        {
            throw CognitoErrors.InvalidAccessToken();
        }

        var poolId = issuer[(slash + 1)..];
        if (!urls.IsIssuerOf(issuer, poolId))
        {
            throw CognitoErrors.InvalidAccessToken();
        }

        // A pool's keys never change (and a pool that does not exist has none); whether the pool still exists is
        // read below, with the user.
        var result = validator.Validate(accessToken, issuer, await keys.GetAsync(poolId, ct));
        if (result.Claims is not { } claims)
        {
            throw result.Failure == AccessTokenFailure.Expired ? CognitoErrors.AccessTokenExpired() : CognitoErrors.InvalidAccessToken();
        }

        if (!HasScope(claims.Scope, requiredScope))
        {
            throw CognitoErrors.AccessTokenLacksScopes();
        }

        // One storage round trip: the pool's current version, the origin's revocation, the user and the version of
        // the token's app client, one snapshot.
        var read = await pools.FindWithUserAsync(poolId, claims.Username ?? string.Empty, claims.OriginJti, claims.ClientId, ct)
            ?? throw CognitoErrors.InvalidAccessToken();
        var (pool, found, originRevoked) = read;
        if (originRevoked)
        {
            throw CognitoErrors.AccessTokenRevoked();
        }

        var user = found ?? throw CognitoErrors.UserNotFound();
        // Revoked by a global sign-out when its session began before it: to the millisecond by the origin's time (a
        // session's refresh token has no row to revoke), else by the token's issue time in whole seconds.
        if (user.TokensValidAfter is { } after && (IdGenerator.OriginTime(claims.OriginJti) is { } began
            ? began < after
            : claims.IssuedAt.ToUnixTimeSeconds() < after.ToUnixTimeSeconds()))
        {
            throw CognitoErrors.AccessTokenRevoked();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        return new AuthenticatedAccess(pool, user, claims) { ClientVersion = read.ClientVersion };
    }

    /// <summary>Whether the space-separated <paramref name="scope"/> holds <paramref name="required"/> (without splitting it).</summary>
    public static bool HasScope(string scope, string required)
    {
        foreach (var range in scope.AsSpan().Split(' '))
        {
            if (scope.AsSpan(range).SequenceEqual(required))
            {
                return true;
            }
        }

        return false;
    }
}
