using Ninsho.Core.Features.OAuth;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary><c>grant_type=authorization_code</c>: redeems a code from the hosted UI's login (same client, same
/// redirect_uri, the PKCE verifier when the authorize request sent a challenge) for access, ID (with the
/// <c>openid</c> scope) and refresh tokens carrying the granted scopes. Any refusal of the code is invalid_grant; a
/// code presented again revokes the refresh token it gave (<see cref="AuthorizationCodes"/>).</summary>
internal sealed class AuthorizationCodeGrant(INinshoStorage storage, UserPoolService pools, AuthorizationCodes codes, SignInTokens tokens, SealedRefreshTokens sealedTokens)
{
    public async Task<OAuthTokenResult> IssueAsync(UserPoolClientType client, OAuthTokenRequest request, CancellationToken ct)
    {
        if (request.Field("code") is not { } code)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }

        if (client.AllowedOAuthFlowsUserPoolClient != true || client.AllowedOAuthFlows?.Contains(OAuthFlowType.code) != true)
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnauthorizedClient);
        }

        var poolId = client.UserPoolId!;
        var redeemed = await codes.RedeemAsync(poolId, code, client.ClientId!, request.Field("redirect_uri"), request.Field("code_verifier"), ct);
        var user = redeemed is null ? null : await storage.Users.FindAsync(poolId, redeemed.Grant.UsernameKey, ct);
        if (redeemed is null || user is not { Enabled: true })
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidGrant);
        }

        var issued = redeemed.Grant;
        var pool = await pools.GetAsync(poolId, ct);
        var result = await tokens.IssueAsync(SignInContext.For(pool, client), user, new OAuthSignIn(issued.Scope, issued.Nonce) { AuthTime = issued.AuthTime }, ct);
        // The code records the token so that presenting the code again revokes it: a sealed token needs its row for that.
        await sealedTokens.AddRowAsync(result.RefreshToken!, poolId, client.ClientId!, ct);
        if (!await codes.RecordAsync(redeemed, TokenHasher.Hash(result.RefreshToken!), ct))
        {
            // The code was presented again while these tokens were being issued: they are revoked.
            return OAuthTokenResult.Fail(OAuthErrors.InvalidGrant);
        }

        var openId = AccessTokenAuthenticator.HasScope(issued.Scope, "openid");
        return new OAuthTokenResult
        {
            AccessToken = result.AccessToken,
            IdToken = openId ? result.IdToken : null,
            RefreshToken = result.RefreshToken,
            ExpiresIn = result.ExpiresIn ?? 3600,
        };
    }
}
