using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>ListIdentityProviders: by name, MaxResults 0–60 (0 or absent: 60), NextToken absent on the last page.</summary>
internal sealed class ListIdentityProvidersHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListIdentityProvidersRequest, ListIdentityProvidersResponse>
{
    public async Task<ListIdentityProvidersResponse> HandleAsync(ListIdentityProvidersRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var page = await storage.PoolResources.ListAsync(
            pool.Id, IdentityProviderService.Kind, PageLimits.OrDefault(r.MaxResults), PaginationTokens.Decode(r.NextToken), ct);
        return new ListIdentityProvidersResponse
        {
            Providers = [.. page.Items.Select(IdentityProviderService.View).Select(p => new ProviderDescription
            {
                ProviderName = p.ProviderName,
                ProviderType = p.ProviderType,
                CreationDate = p.CreationDate,
                LastModifiedDate = p.LastModifiedDate,
            })],
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
