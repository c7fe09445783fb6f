using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminSetUserPassword: Permanent gives CONFIRMED, otherwise FORCE_CHANGE_PASSWORD (docs/cognito-behaviour.md#user-status).</summary>
internal sealed class AdminSetUserPasswordHandler(UserDirectory directory, UserUpdater updater, UserPasswords passwords)
    : IOperationHandler<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>
{
    public async Task<AdminSetUserPasswordResponse> HandleAsync(AdminSetUserPasswordRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        PasswordRules.Check(pool, request.Password);
        var password = await passwords.PrepareAsync(pool, user.Username, request.Password, ct);
        var status = request.Permanent == true ? UserStatusType.CONFIRMED : UserStatusType.FORCE_CHANGE_PASSWORD;
        _ = await updater.UpdateAsync(user, u => password.ApplyTo(u) with
        {
            Status = status,
            FailedSignIns = 0,
        }, ct);
        return new AdminSetUserPasswordResponse();
    }
}
