using Ninsho.Core.Features.Mfa;
using Ninsho.Core.Features.UserPools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminGetUser.</summary>
internal sealed class AdminGetUserHandler(UserPoolService pools, UserDirectory directory)
    : IOperationHandler<AdminGetUserRequest, AdminGetUserResponse>
{
    public async Task<AdminGetUserResponse> HandleAsync(AdminGetUserRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        var (enabled, preferred, options) = UserMfaView.Of(user);
        return new AdminGetUserResponse
        {
            Username = user.Username,
            UserAttributes = UserViews.Attributes(user),
            UserCreateDate = user.CreatedAt,
            UserLastModifiedDate = user.ModifiedAt,
            Enabled = user.Enabled,
            UserStatus = user.Status,
            UserMFASettingList = enabled,
            PreferredMfaSetting = preferred,
            MFAOptions = options,
        };
    }
}
