using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>ListResourceServers: by identifier, MaxResults 1-50 (absent: 50), NextToken absent on the last page.</summary>
internal sealed class ListResourceServersHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListResourceServersRequest, ListResourceServersResponse>
{
    public async Task<ListResourceServersResponse> HandleAsync(ListResourceServersRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var page = await storage.ResourceServers.ListAsync(pool.Id, request.MaxResults ?? 50, PaginationTokens.Decode(request.NextToken), ct);
        return new ListResourceServersResponse
        {
            ResourceServers = page.Items.Select(ResourceServerViews.ToResourceServerType).ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
