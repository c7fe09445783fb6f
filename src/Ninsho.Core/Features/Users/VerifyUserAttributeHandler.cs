using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>VerifyUserAttribute (access token): the code marks the email or phone verified, making a held new value
/// (<see cref="PendingAttributes"/>) current. A value another user holds as a verified alias is refused with
/// AliasExistsException, and nothing changes.</summary>
internal sealed class VerifyUserAttributeHandler(AccessTokenAuthenticator authenticator, UserCodes codes, AliasClaims aliases)
    : IOperationHandler<VerifyUserAttributeRequest, VerifyUserAttributeResponse>
{
    public async Task<VerifyUserAttributeResponse> HandleAsync(VerifyUserAttributeRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        var value = PendingAttributes.Get(user, r.AttributeName) ?? user.Attributes.GetValueOrDefault(r.AttributeName);
        await aliases.ThrowIfTakenAsync(pool, user, r.AttributeName, value, ct);

        _ = await codes.ConsumeAsync(user, OneTimeCodes.Verify(r.AttributeName), r.Code, u =>
        {
            var promoted = PendingAttributes.Promote(u, r.AttributeName);
            return promoted with
            {
                Attributes = new Dictionary<string, string>(promoted.Attributes, StringComparer.Ordinal) { [r.AttributeName + "_verified"] = "true" },
            };
        }, ct);
        return new VerifyUserAttributeResponse();
    }
}
