using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>GetUserAttributeVerificationCode (access token): a 24-hour code to the user's email or phone (to the
/// new value when a change is held until verified).</summary>
internal sealed class GetUserAttributeVerificationCodeHandler(AccessTokenAuthenticator authenticator, UserCodes codes)
    : IOperationHandler<GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse>
{
    public async Task<GetUserAttributeVerificationCodeResponse> HandleAsync(
        GetUserAttributeVerificationCodeRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, claims) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        if (r.AttributeName is not ("email" or "phone_number") || user.Attributes.GetValueOrDefault(r.AttributeName) is not { Length: > 0 })
        {
            throw CognitoErrors.InvalidAttributeName(r.AttributeName);
        }

        var details = await codes.IssueRequestedAsync(pool, user, OneTimeCodes.Verify(r.AttributeName), OneTimeCodes.SignUpValidity, r.AttributeName,
            PendingAttributes.Get(user, r.AttributeName),
            MessageOrigin.Of(CustomMessage.VerifyUserAttributeSource, claims.ClientId, r.ClientMetadata), ct);
        return new GetUserAttributeVerificationCodeResponse { CodeDeliveryDetails = details };
    }
}
