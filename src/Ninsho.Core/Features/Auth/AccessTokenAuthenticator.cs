using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Tokens;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Auth;

/// <summary>Authenticates the AccessToken of a token-authorized operation (GetUser, GlobalSignOut, …):
/// signature and expiry, scope, revocation (sign-out, revoked refresh token) and the user's state.</summary>
internal sealed class AccessTokenAuthenticator(
    INinshoStorage storage, UserPoolService pools, PoolSigningKeys keys, AccessTokenValidator validator, IIssuerUrls urls)
{
    private const string AdminScope = "aws.cognito.signin.user.admin";

    public async Task<(UserPoolSettings Pool, StoredUser User, AccessTokenClaims Claims)> AuthenticateAsync(string accessToken, CancellationToken ct)
    {
        var issuer = AccessTokenValidator.ReadUnverifiedIssuer(accessToken);
        var slash = issuer?.LastIndexOf('/') ?? -1;
        if (issuer is null || slash < 0)
        {
            throw CognitoErrors.InvalidAccessToken();
        }

        var pool = await pools.FindAsync(issuer[(slash + 1)..], ct);
        if (pool is null || urls.IssuerFor(pool.Id) != issuer)
        {
            throw CognitoErrors.InvalidAccessToken();
        }

        var result = validator.Validate(accessToken, issuer, await keys.GetAsync(pool.Id, ct));
        if (result.Claims is not { } claims)
        {
            throw result.Failure == AccessTokenFailure.Expired ? CognitoErrors.AccessTokenExpired() : CognitoErrors.InvalidAccessToken();
        }

        if (!claims.Scope.Split(' ').Contains(AdminScope))
        {
            throw CognitoErrors.NotAuthorized("Access Token does not have required scopes");
        }

        if (claims.OriginJti is { } origin && await storage.RefreshTokens.IsOriginRevokedAsync(origin, ct))
        {
            throw CognitoErrors.AccessTokenRevoked();
        }

        var user = await storage.Users.FindAsync(pool.Id, pool.UsernameKey(claims.Username ?? string.Empty), ct) ?? throw CognitoErrors.UserNotFound();
        if (user.TokensValidAfter is { } after && claims.IssuedAt.ToUnixTimeSeconds() < after.ToUnixTimeSeconds())
        {
            throw CognitoErrors.AccessTokenRevoked();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        return (pool, user, claims);
    }
}
