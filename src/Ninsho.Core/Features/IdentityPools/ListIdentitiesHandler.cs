using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>ListIdentities: the pool's identities in id order, MaxResults 1–60 (model), NextToken absent on the
/// last page. Ninsho never disables identities, so HideDisabled changes nothing.</summary>
internal sealed class ListIdentitiesHandler(INinshoStorage storage, IdentityPoolService pools) : IOperationHandler<ListIdentitiesInput, ListIdentitiesResponse>
{
    public async Task<ListIdentitiesResponse> HandleAsync(ListIdentitiesInput r, OperationContext context, CancellationToken ct)
    {
        var (row, _) = await pools.GetAsync(r.IdentityPoolId, ct);
        var page = await storage.IdentityPools.ListIdentitiesAsync(row.IdentityPoolId, r.MaxResults ?? 60, PaginationTokens.Decode(r.NextToken), ct);
        return new ListIdentitiesResponse
        {
            IdentityPoolId = row.IdentityPoolId,
            Identities = [.. page.Items.Select(IdentityViews.ToDescription)],
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
