using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>StartUserImportJob: Created → Pending, then a node's <see cref="UserImportWorker"/> claims it and runs it
/// (InProgress → Succeeded/Failed). Only a Created, unexpired job starts.</summary>
internal sealed class StartUserImportJobHandler(
    INinshoStorage storage, UserPoolService pools, UserImportJobs jobs, UserImportWorker worker, TimeProvider clock)
    : IOperationHandler<StartUserImportJobRequest, StartUserImportJobResponse>
{
    public async Task<StartUserImportJobResponse> HandleAsync(StartUserImportJobRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        while (true)
        {
            var job = await jobs.GetAsync(pool.Id, request.JobId, ct);
            if (jobs.StatusOf(job) != UserImportJobs.Created)
            {
                // Wording guessed: Cognito's text for starting a job twice is not documented.
                throw CognitoErrors.ImportJobNotStartable(job.JobId, jobs.StatusOf(job));
            }

            var pending = job with { Status = UserImportJobs.Pending, StartedAt = clock.GetUtcNow() };
            if (await storage.ImportJobs.UpdateAsync(pending, ct) == UpdateResult.Updated)
            {
                worker.Wake();
                return new StartUserImportJobResponse { UserImportJob = await jobs.ViewAsync(pending with { Version = job.Version + 1 }, ct) };
            }
        }
    }
}
