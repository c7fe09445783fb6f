using Ninsho.Core.Messages;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminResetUserPassword: the user must reset the password (RESET_REQUIRED) before signing in again;
/// a reset code goes to the verified recovery email or phone when there is one. Refused while the password is
/// still temporary.</summary>
internal sealed class AdminResetUserPasswordHandler(UserDirectory directory, UserUpdater updater, UserCodes codes)
    : IOperationHandler<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>
{
    public async Task<AdminResetUserPasswordResponse> HandleAsync(AdminResetUserPasswordRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        PasswordRules.CheckResettable(user);
        user = await updater.SignOutEverywhereAsync(user, ct);
        user = await updater.UpdateAsync(user, u => u with { Status = UserStatusType.RESET_REQUIRED }, ct);
        if (CodeDelivery.RecoveryAttribute(pool, user) is { } attribute)
        {
            _ = await codes.IssueAsync(pool, user, OneTimeCodes.ForgotPassword, OneTimeCodes.ForgotPasswordValidity, attribute,
                MessageOrigin.Of(CustomMessage.ForgotPasswordSource, null, request.ClientMetadata), ct);
        }
        return new AdminResetUserPasswordResponse();
    }
}
