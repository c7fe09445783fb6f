using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Terms;

/// <summary>ListTerms: every terms document of the pool (all its app clients) as summaries, MaxResults 1–60 (absent:
/// 60), NextToken absent on the last page. Ordered by TermsId, which pages stably; Cognito documents no order (guess).</summary>
internal sealed class ListTermsHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListTermsRequest, ListTermsResponse>
{
    public async Task<ListTermsResponse> HandleAsync(ListTermsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var page = await storage.PoolResources.ListAsync(
            pool.Id, TermsService.Kind, PageLimits.OrDefault(r.MaxResults), PaginationTokens.Decode(r.NextToken), ct);
        return new ListTermsResponse
        {
            Terms = [.. page.Items.Select(TermsService.View).Select(t => new TermsDescriptionType
            {
                TermsId = t.TermsId,
                TermsName = t.TermsName,
                Enforcement = t.Enforcement,
                CreationDate = t.CreationDate,
                LastModifiedDate = t.LastModifiedDate,
            })],
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
