using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminDisableUser: the user can't sign in, and every token issued so far stops working (docs/cognito-behaviour.md#user-status).</summary>
internal sealed class AdminDisableUserHandler(UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminDisableUserRequest, AdminDisableUserResponse>
{
    public async Task<AdminDisableUserResponse> HandleAsync(AdminDisableUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        user = await updater.SignOutEverywhereAsync(user, ct);
        _ = await updater.UpdateAsync(user, u => u with { Enabled = false }, ct);
        return new AdminDisableUserResponse();
    }
}
