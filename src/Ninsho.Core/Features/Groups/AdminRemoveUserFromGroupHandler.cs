using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>AdminRemoveUserFromGroup; removing a user who is not a member succeeds.</summary>
internal sealed class AdminRemoveUserFromGroupHandler(INinshoStorage storage, UserPoolService pools, GroupService groups, UserDirectory directory)
    : IOperationHandler<AdminRemoveUserFromGroupRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(AdminRemoveUserFromGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var group = await groups.GetAsync(pool, request.GroupName, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        _ = await storage.Groups.RemoveMemberAsync(pool.Id, group.GroupName, user.UsernameKey, ct);
        return EmptyResult.Instance;
    }
}
