using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminConfirmSignUp: UNCONFIRMED becomes CONFIRMED; any other status is refused (docs/cognito-behaviour.md#user-status).</summary>
internal sealed class AdminConfirmSignUpHandler(UserDirectory directory, UserUpdater updater, LambdaTriggers triggers)
    : IOperationHandler<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>
{
    public async Task<AdminConfirmSignUpResponse> HandleAsync(AdminConfirmSignUpRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        if (user.Status != UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserCannotBeConfirmed(user.Status);
        }

        var confirmed = await updater.UpdateAsync(user, u => u with { Status = UserStatusType.CONFIRMED }, ct);
        await PostConfirmation.RunAsync(triggers, pool, PostConfirmation.ConfirmSignUpSource, confirmed, null, request.ClientMetadata, ct);
        return new AdminConfirmSignUpResponse();
    }
}
