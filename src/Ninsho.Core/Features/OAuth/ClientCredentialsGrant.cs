using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Core.Users;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.OAuth;

/// <summary><c>grant_type=client_credentials</c>: an access token for the client itself, with Cognito's claims for
/// machine-to-machine tokens (<c>sub</c> = <c>client_id</c>, <c>version</c> 2, the granted custom scopes, no
/// <c>username</c>), signed with the pool's access-token key; no ID or refresh token.</summary>
internal sealed class ClientCredentialsGrant(OAuthScopes scopes, PoolSigningKeys keys, SigningKeyCache keyCache, IIssuerUrls urls, IdGenerator ids, TimeProvider clock)
{
    public async Task<OAuthTokenResult> IssueAsync(UserPoolClientType client, OAuthTokenRequest request, CancellationToken ct)
    {
        if (ClientSecretSet.Of(client).Count == 0)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidClient, 400);
        }

        // A client whose OAuth settings are off answers invalid_grant (observed: boto/boto3#3916, aws-sdk-js-v3#7158).
        if (client.AllowedOAuthFlowsUserPoolClient != true)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidGrant);
        }

        if (client.AllowedOAuthFlows?.Contains(OAuthFlowType.client_credentials) != true)
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnauthorizedClient);
        }

        var granted = await scopes.GrantAsync(client, request.Field("scope"), ct);
        if (granted is null)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidScope);
        }

        var poolId = client.UserPoolId!;
        var lifetime = (long)UserPoolClientRules.AccessTokenLifetime(client).TotalSeconds;
        var key = keyCache.Get(TokenIssuer.NewestKey(await keys.GetAsync(poolId, ct), SigningKeyUse.Access));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var issuer = urls.IssuerFor(poolId);
        var jti = ids.Jti();
        var scope = string.Join(' ', granted);

        // Claim order as in Cognito's client-credentials tokens.
        var token = TokenIssuer.Sign(key, writer =>
        {
            writer.WriteString("sub", client.ClientId);
            writer.WriteString("token_use", "access");
            writer.WriteString("scope", scope);
            writer.WriteNumber("auth_time", now);
            writer.WriteString("iss", issuer);
            writer.WriteNumber("exp", now + lifetime);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("version", 2);
            writer.WriteString("jti", jti);
            writer.WriteString("client_id", client.ClientId);
        });
        return new OAuthTokenResult { AccessToken = token, ExpiresIn = lifetime };
    }
}
