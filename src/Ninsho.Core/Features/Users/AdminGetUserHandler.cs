using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminGetUser.</summary>
internal sealed class AdminGetUserHandler(UserDirectory directory)
    : IOperationHandler<AdminGetUserRequest, AdminGetUserResponse>
{
    public async Task<AdminGetUserResponse> HandleAsync(AdminGetUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
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
