using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>AdminRespondToAuthChallenge (SigV4).</summary>
internal sealed class AdminRespondToAuthChallengeHandler(ChallengeResponder responder)
    : IOperationHandler<AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse>
{
    public async Task<AdminRespondToAuthChallengeResponse> HandleAsync(AdminRespondToAuthChallengeRequest request, OperationContext context, CancellationToken ct)
    {
        var outcome = await responder.RespondAsync(request.UserPoolId, request.ClientId, request.ChallengeName, request.Session, request.ChallengeResponses,
            new SignInCaller(request.ClientMetadata, SignInContext.IpFrom(request.ContextData?.IpAddress, context.RemoteAddress), context.RequestId), ct);
        return new AdminRespondToAuthChallengeResponse
        {
            ChallengeName = outcome.ChallengeName,
            ChallengeParameters = outcome.ChallengeParameters,
            Session = outcome.Session,
            AuthenticationResult = outcome.AuthenticationResult,
        };
    }
}
