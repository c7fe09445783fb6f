using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>ListGroups: by name, Limit 0-60 (0 or absent: 60), NextToken absent on the last page.</summary>
internal sealed class ListGroupsHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListGroupsRequest, ListGroupsResponse>
{
    public async Task<ListGroupsResponse> HandleAsync(ListGroupsRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var page = await storage.Groups.ListAsync(pool.Id, PageLimits.OrDefault(request.Limit), PaginationTokens.Decode(request.NextToken), ct);
        return new ListGroupsResponse
        {
            Groups = page.Items.Select(GroupViews.ToGroupType).ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
