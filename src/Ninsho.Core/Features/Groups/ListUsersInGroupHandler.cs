using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>ListUsersInGroup: by username, Limit 0-60 (0 or absent: 60), NextToken absent on the last page.</summary>
internal sealed class ListUsersInGroupHandler(INinshoStorage storage, UserPoolService pools, GroupService groups)
    : IOperationHandler<ListUsersInGroupRequest, ListUsersInGroupResponse>
{
    public async Task<ListUsersInGroupResponse> HandleAsync(ListUsersInGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var group = await groups.GetAsync(pool, request.GroupName, ct);
        var page = await storage.Groups.ListMembersAsync(
            pool.Id, group.GroupName, PageLimits.OrDefault(request.Limit), PaginationTokens.Decode(request.NextToken), ct);
        return new ListUsersInGroupResponse
        {
            Users = page.Items.Select(u => UserViews.ToUserType(u)).ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
