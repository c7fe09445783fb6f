using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>ListUserImportJobs: the pool's jobs by job id, MaxResults 1-60, PaginationToken absent on the last page
/// (botocore has no paginator for it; the CLI passes the token by hand).</summary>
internal sealed class ListUserImportJobsHandler(INinshoStorage storage, UserPoolService pools, UserImportJobs jobs)
    : IOperationHandler<ListUserImportJobsRequest, ListUserImportJobsResponse>
{
    public async Task<ListUserImportJobsResponse> HandleAsync(ListUserImportJobsRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var page = await storage.ImportJobs.ListAsync(pool.Id, PageLimits.OrDefault(request.MaxResults), PaginationTokens.Decode(request.PaginationToken), ct);
        var views = new List<UserImportJobType>(page.Items.Count);
        foreach (var job in page.Items)
        {
            views.Add(await jobs.ViewAsync(job, ct));
        }

        return new ListUserImportJobsResponse { UserImportJobs = views, PaginationToken = PaginationTokens.Encode(page.NextKey) };
    }
}
