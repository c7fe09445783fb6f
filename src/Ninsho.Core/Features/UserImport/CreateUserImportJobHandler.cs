using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>CreateUserImportJob: a Created job whose PreSignedUrl takes the CSV file by PUT (see <see cref="ImportUploadUrls"/>).
/// The CloudWatch role is kept and shown but not used: failures are kept with the job (<see cref="UserImportRunner"/>).</summary>
internal sealed class CreateUserImportJobHandler(INinshoStorage storage, UserPoolService pools, UserImportJobs jobs, IdGenerator ids, TimeProvider clock)
    : IOperationHandler<CreateUserImportJobRequest, CreateUserImportJobResponse>
{
    public async Task<CreateUserImportJobResponse> HandleAsync(CreateUserImportJobRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        StoredUserImportJob job;
        do
        {
            job = new StoredUserImportJob
            {
                UserPoolId = pool.Id,
                JobId = ids.ImportJobId(),
                JobName = request.JobName,
                CloudWatchLogsRoleArn = request.CloudWatchLogsRoleArn,
                Status = UserImportJobs.Created,
                CreatedAt = clock.GetUtcNow(),
            };
        }
        while (await storage.ImportJobs.CreateAsync(job, ct) == CreateResult.AlreadyExists);

        return new CreateUserImportJobResponse { UserImportJob = await jobs.ViewAsync(job, ct) };
    }
}
