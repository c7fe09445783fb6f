using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>InitiateAuth (public).</summary>
internal sealed class InitiateAuthHandler(SignInFlows flows) : IOperationHandler<InitiateAuthRequest, InitiateAuthResponse>
{
    public async Task<InitiateAuthResponse> HandleAsync(InitiateAuthRequest request, OperationContext context, CancellationToken ct)
    {
        var outcome = await flows.InitiateAsync(null, request.ClientId, request.AuthFlow, request.AuthParameters,
            new SignInCaller(request.ClientMetadata, SignInContext.IpFrom(request.UserContextData?.IpAddress, context.RemoteAddress), context.RequestId), ct);
        return new InitiateAuthResponse
        {
            ChallengeName = outcome.ChallengeName,
            ChallengeParameters = outcome.ChallengeParameters,
            Session = outcome.Session,
            AuthenticationResult = outcome.AuthenticationResult,
            AvailableChallenges = outcome.AvailableChallenges,
        };
    }
}
