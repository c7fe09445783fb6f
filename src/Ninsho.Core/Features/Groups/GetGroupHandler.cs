using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Groups;

/// <summary>GetGroup.</summary>
internal sealed class GetGroupHandler(UserPoolService pools, GroupService groups)
    : IOperationHandler<GetGroupRequest, GetGroupResponse>
{
    public async Task<GetGroupResponse> HandleAsync(GetGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        return new GetGroupResponse { Group = GroupViews.ToGroupType(await groups.GetAsync(pool, request.GroupName, ct)) };
    }
}
