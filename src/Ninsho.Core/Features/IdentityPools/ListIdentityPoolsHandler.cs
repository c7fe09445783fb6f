using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>ListIdentityPools: id order, MaxResults 1–60 (model), NextToken absent on the last page.</summary>
internal sealed class ListIdentityPoolsHandler(INinshoStorage storage)
    : IOperationHandler<ListIdentityPoolsInput, ListIdentityPoolsResponse>
{
    public async Task<ListIdentityPoolsResponse> HandleAsync(ListIdentityPoolsInput r, OperationContext context, CancellationToken ct)
    {
        var page = await storage.IdentityPools.ListPoolsAsync(r.MaxResults ?? 60, PaginationTokens.Decode(r.NextToken), ct);
        return new ListIdentityPoolsResponse
        {
            IdentityPools = [.. page.Items.Select(IdentityPoolService.Short)],
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
