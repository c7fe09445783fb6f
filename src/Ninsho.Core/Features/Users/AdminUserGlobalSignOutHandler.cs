using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminUserGlobalSignOut: refresh tokens revoked, access tokens issued so far refused.</summary>
internal sealed class AdminUserGlobalSignOutHandler(UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse>
{
    public async Task<AdminUserGlobalSignOutResponse> HandleAsync(AdminUserGlobalSignOutRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        _ = await updater.SignOutEverywhereAsync(user, ct);
        return new AdminUserGlobalSignOutResponse();
    }
}
