using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>ResendConfirmationCode: a new sign-up code (the old one stops working).</summary>
internal sealed class ResendConfirmationCodeHandler(ClientRequests requests, UserCodes codes)
    : IOperationHandler<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>
{
    public async Task<ResendConfirmationCodeResponse> HandleAsync(ResendConfirmationCodeRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, client, user) = await requests.ResolveAsync(r.ClientId, r.Username, r.SecretHash, ct);
        if (user is null || !user.Enabled)
        {
            return ClientRequests.HidesUsers(client)
                ? new ResendConfirmationCodeResponse { CodeDeliveryDetails = SimulatedDelivery.For(r.Username) }
                : throw (user is null ? CognitoErrors.UsernameClientNotFound() : CognitoErrors.UserDisabled());
        }

        if (user.Status != UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserAlreadyConfirmed();
        }

        var attribute = CodeDelivery.SignUpAttribute(pool, user) ?? throw CognitoErrors.AutoVerificationOff();
        var details = await codes.IssueRequestedAsync(pool, user, OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity, attribute, null,
            MessageOrigin.Of(CustomMessage.ResendCodeSource, client.ClientId, r.ClientMetadata), ct);
        return new ResendConfirmationCodeResponse { CodeDeliveryDetails = details };
    }
}
