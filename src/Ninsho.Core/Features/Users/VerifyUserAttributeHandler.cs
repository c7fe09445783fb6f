using Ninsho.Core.Features.Auth;
using Ninsho.Core.Features.Messages;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>VerifyUserAttribute (access token): the code marks the email or phone verified.</summary>
internal sealed class VerifyUserAttributeHandler(AccessTokenAuthenticator authenticator, UserCodes codes)
    : IOperationHandler<VerifyUserAttributeRequest, VerifyUserAttributeResponse>
{
    public async Task<VerifyUserAttributeResponse> HandleAsync(VerifyUserAttributeRequest r, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        _ = await codes.ConsumeAsync(user, OneTimeCodes.Verify(r.AttributeName), r.Code, u => u with
        {
            Attributes = new Dictionary<string, string>(u.Attributes, StringComparer.Ordinal) { [r.AttributeName + "_verified"] = "true" },
        }, ct);
        return new VerifyUserAttributeResponse();
    }
}
