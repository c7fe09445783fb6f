using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Auth;

/// <summary>RevokeToken: revokes a refresh token and every access token minted from it. Unknown tokens are
/// accepted silently, as the revocation endpoint does, so the call reveals nothing.</summary>
internal sealed class RevokeTokenHandler(INinshoStorage storage, SignInFlows flows, SealedRefreshTokens sealedTokens, TimeProvider clock)
    : IOperationHandler<RevokeTokenRequest, RevokeTokenResponse>
{
    public async Task<RevokeTokenResponse> HandleAsync(RevokeTokenRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, client) = await flows.ClientAsync(null, request.ClientId, ct);
        ClientSecretRules.Check(client, request.ClientSecret);
        if (client.EnableTokenRevocation == false)
        {
            throw CognitoErrors.TokenRevocationDisabled();
        }

        if (request.Token.Split('.').Length == 3)
        {
            throw CognitoErrors.NotARefreshToken();
        }

        // A sealed token has a row only once its state changed: give it one to revoke.
        await sealedTokens.AddRowAsync(request.Token, pool.Id, client.ClientId!, ct);
        var hash = TokenHasher.Hash(request.Token);
        var stored = await storage.RefreshTokens.FindAsync(hash, ct);
        if (stored is not null && stored.ClientId == client.ClientId && stored.UserPoolId == pool.Id && stored.RevokedAt is null)
        {
            _ = await storage.RefreshTokens.RevokeAsync(hash, clock.GetUtcNow(), ct);
        }

        return new RevokeTokenResponse();
    }
}
