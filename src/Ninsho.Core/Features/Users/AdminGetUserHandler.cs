using Ninsho.Core.Features.Mfa;
using Ninsho.Core.Features.UserPools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminGetUser.</summary>
internal sealed class AdminGetUserHandler(UserPoolService pools, UserDirectory directory)
    : IOperationHandler<AdminGetUserRequest, AdminGetUserResponse>
{
    public async Task<AdminGetUserResponse> HandleAsync(AdminGetUserRequest request, OperationContext context, CancellationToken ct)
    {
        var found = await pools.FindWithUserAsync(request.UserPoolId, request.Username, originJti: null, clientId: null, ct)
            ?? throw CognitoErrors.UserPoolNotFound(request.UserPoolId);
        var user = found.User ?? await directory.FindByAliasAsync(found.Pool, request.Username, ct) ?? throw CognitoErrors.UserNotFound();
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
