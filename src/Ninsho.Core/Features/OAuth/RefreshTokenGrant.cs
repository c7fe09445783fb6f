using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.OAuth;

/// <summary><c>grant_type=refresh_token</c>: new access and ID tokens for a refresh token of the same client, as
/// REFRESH_TOKEN_AUTH gives them (no new refresh token), or, on a client that rotates refresh tokens, as
/// GetTokensFromRefreshToken gives them, with a new refresh token (docs/compatibility-refresh-rotation.md). Any refusal of the token (unknown, revoked, expired,
/// another client's, a disabled or deleted user) answers invalid_grant.</summary>
internal sealed class RefreshTokenGrant(UserPoolService pools, RefreshTokenSignIn refresh)
{
    public async Task<OAuthTokenResult> IssueAsync(UserPoolClientType client, OAuthTokenRequest request, CancellationToken ct)
    {
        if (request.Field("refresh_token") is not { } refreshToken)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }

        var rotate = RefreshTokenRotation.IsEnabled(client);
        if (!rotate && !UserPoolClientRules.Allows(client, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnauthorizedClient);
        }

        try
        {
            var pool = await pools.GetAsync(client.UserPoolId!, ct);
            var result = await refresh.RefreshAsync(SignInContext.For(pool, client), refreshToken, secretCheck: null, ct, rotate: rotate);
            return new OAuthTokenResult
            {
                AccessToken = result.AccessToken,
                IdToken = result.IdToken,
                RefreshToken = result.RefreshToken,
                ExpiresIn = result.ExpiresIn ?? 3600,
            };
        }
        catch (CognitoException)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidGrant);
        }
    }
}
