using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>AdminInitiateAuth (SigV4).</summary>
internal sealed class AdminInitiateAuthHandler(SignInFlows flows) : IOperationHandler<AdminInitiateAuthRequest, AdminInitiateAuthResponse>
{
    public async Task<AdminInitiateAuthResponse> HandleAsync(AdminInitiateAuthRequest request, OperationContext context, CancellationToken ct)
    {
        var outcome = await flows.InitiateAsync(request.UserPoolId, request.ClientId, request.AuthFlow, request.AuthParameters,
            new SignInCaller(request.ClientMetadata, SignInContext.IpFrom(request.ContextData?.IpAddress, context.RemoteAddress), context.RequestId), ct);
        return new AdminInitiateAuthResponse
        {
            ChallengeName = outcome.ChallengeName,
            ChallengeParameters = outcome.ChallengeParameters,
            Session = outcome.Session,
            AuthenticationResult = outcome.AuthenticationResult,
            AvailableChallenges = outcome.AvailableChallenges,
        };
    }
}
