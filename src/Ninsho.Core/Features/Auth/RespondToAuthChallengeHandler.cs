using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>RespondToAuthChallenge (public, authorized by the Session).</summary>
internal sealed class RespondToAuthChallengeHandler(ChallengeResponder responder)
    : IOperationHandler<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>
{
    public async Task<RespondToAuthChallengeResponse> HandleAsync(RespondToAuthChallengeRequest request, OperationContext context, CancellationToken ct)
    {
        var outcome = await responder.RespondAsync(null, request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses,
            new SignInCaller(request.ClientMetadata, SignInContext.IpFrom(request.UserContextData?.IpAddress, context.RemoteAddress), context.RequestId), ct);
        return new RespondToAuthChallengeResponse
        {
            ChallengeName = outcome.ChallengeName,
            ChallengeParameters = outcome.ChallengeParameters,
            Session = outcome.Session,
            AuthenticationResult = outcome.AuthenticationResult,
        };
    }
}
