using Ninsho.Core.Features.UserPoolClients;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>GetTokensFromRefreshToken: the refresh flow as its own operation, with the client secret in clear.</summary>
internal sealed class GetTokensFromRefreshTokenHandler(SignInFlows flows, RefreshTokenSignIn refresh)
    : IOperationHandler<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse>
{
    public async Task<GetTokensFromRefreshTokenResponse> HandleAsync(GetTokensFromRefreshTokenRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, client) = await flows.ClientAsync(null, request.ClientId, ct);
        ClientSecretRules.Check(client, request.ClientSecret);
        if (!UserPoolClientRules.Allows(client, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
        {
            throw CognitoErrors.RefreshFlowNotEnabled();
        }

        var result = await refresh.RefreshAsync(pool, client, request.RefreshToken, null, ct);
        return new GetTokensFromRefreshTokenResponse { AuthenticationResult = result };
    }
}
