using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminEnableUser.</summary>
internal sealed class AdminEnableUserHandler(UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminEnableUserRequest, AdminEnableUserResponse>
{
    public async Task<AdminEnableUserResponse> HandleAsync(AdminEnableUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        _ = await updater.UpdateAsync(user, u => u with { Enabled = true }, ct);
        return new AdminEnableUserResponse();
    }
}
