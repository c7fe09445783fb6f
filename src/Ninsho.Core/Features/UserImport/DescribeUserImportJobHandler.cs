using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserImport;

/// <summary>DescribeUserImportJob: the job with its status and counts.</summary>
internal sealed class DescribeUserImportJobHandler(UserPoolService pools, UserImportJobs jobs)
    : IOperationHandler<DescribeUserImportJobRequest, DescribeUserImportJobResponse>
{
    public async Task<DescribeUserImportJobResponse> HandleAsync(DescribeUserImportJobRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var job = await jobs.GetAsync(pool.Id, request.JobId, ct);
        return new DescribeUserImportJobResponse { UserImportJob = await jobs.ViewAsync(job, ct) };
    }
}
