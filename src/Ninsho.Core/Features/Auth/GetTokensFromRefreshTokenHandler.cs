using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>GetTokensFromRefreshToken: the refresh flow as its own operation, with the client secret in clear. On a
/// client that rotates refresh tokens it is the way to refresh, whether or not the client lists
/// ALLOW_REFRESH_TOKEN_AUTH, and it hands out a new refresh token (docs/compatibility-refresh-rotation.md).</summary>
internal sealed class GetTokensFromRefreshTokenHandler(SignInFlows flows, RefreshTokenSignIn refresh)
    : IOperationHandler<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse>
{
    public async Task<GetTokensFromRefreshTokenResponse> HandleAsync(GetTokensFromRefreshTokenRequest request, OperationContext context, CancellationToken ct)
    {
        var signIn = await flows.ContextAsync(null, request.ClientId, new SignInCaller(request.ClientMetadata, context.RemoteAddress, context.RequestId), ct);
        var client = signIn.Client;
        ClientSecretRules.Check(client, request.ClientSecret);
        var rotate = RefreshTokenRotation.IsEnabled(client);
        if (!rotate && !UserPoolClientRules.Allows(client, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
        {
            throw CognitoErrors.RefreshFlowNotEnabled();
        }

        var result = await refresh.RefreshAsync(signIn, request.RefreshToken, null, ct, rotate: rotate);
        return new GetTokensFromRefreshTokenResponse { AuthenticationResult = result };
    }
}
