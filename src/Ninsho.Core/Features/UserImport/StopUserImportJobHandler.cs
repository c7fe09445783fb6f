using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>StopUserImportJob: a Pending job stops at once (Stopped); an InProgress one becomes Stopping, and the node
/// running it marks it Stopped after the batch in hand (users already imported stay).</summary>
internal sealed class StopUserImportJobHandler(INinshoStorage storage, UserPoolService pools, UserImportJobs jobs, TimeProvider clock)
    : IOperationHandler<StopUserImportJobRequest, StopUserImportJobResponse>
{
    public async Task<StopUserImportJobResponse> HandleAsync(StopUserImportJobRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        while (true)
        {
            var job = await jobs.GetAsync(pool.Id, request.JobId, ct);
            var stopping = job.Status switch
            {
                UserImportJobs.Pending => job with
                {
                    Status = UserImportJobs.Stopped,
                    CompletedAt = clock.GetUtcNow(),
                    CompletionMessage = UserImportRunner.StoppedMessage,
                },
                UserImportJobs.InProgress => job with { Status = UserImportJobs.Stopping },
                // Wording guessed: Cognito's text for stopping a job that is not running is not documented.
                _ => throw CognitoErrors.ImportJobNotStoppable(job.JobId, jobs.StatusOf(job)),
            };
            if (await storage.ImportJobs.UpdateAsync(stopping, ct) == UpdateResult.Updated)
            {
                return new StopUserImportJobResponse { UserImportJob = await jobs.ViewAsync(stopping, ct) };
            }
        }
    }
}
