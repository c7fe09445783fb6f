using Ninsho.Core.Features.UserPools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminResetUserPassword: the user must reset the password (RESET_REQUIRED) before signing in again;
/// refused while the password is still temporary.</summary>
internal sealed class AdminResetUserPasswordHandler(UserPoolService pools, UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>
{
    public async Task<AdminResetUserPasswordResponse> HandleAsync(AdminResetUserPasswordRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        PasswordRules.CheckResettable(user);
        user = await updater.SignOutEverywhereAsync(user, ct);
        _ = await updater.UpdateAsync(user, u => u with { Status = UserStatusType.RESET_REQUIRED }, ct);
        return new AdminResetUserPasswordResponse();
    }
}
