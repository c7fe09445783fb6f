using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>Reads import jobs and shows them as Cognito's UserImportJobType.</summary>
internal sealed class UserImportJobs(INinshoStorage storage, ImportUploadUrls uploads, TimeProvider clock)
{
    /// <summary>A job not started within this time can no longer be (Cognito: "within 24-48 hours").</summary>
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromHours(24);

    public const string Created = "Created";
    public const string Pending = "Pending";
    public const string InProgress = "InProgress";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string Failed = "Failed";
    public const string Succeeded = "Succeeded";
    public const string Expired = "Expired";

    public async Task<StoredUserImportJob> GetAsync(string userPoolId, string jobId, CancellationToken ct) =>
        await storage.ImportJobs.FindAsync(userPoolId, jobId, ct) ?? throw CognitoErrors.ImportJobNotFound(jobId);

    /// <summary>The status as a user sees it: a Created job past <see cref="ExpiresAfter"/> is Expired.</summary>
    public string StatusOf(StoredUserImportJob job) =>
        job.Status == Created && clock.GetUtcNow() - job.CreatedAt > ExpiresAfter ? Expired : job.Status;

    public async Task<UserImportJobType> ViewAsync(StoredUserImportJob job, CancellationToken ct) => new()
    {
        JobName = job.JobName,
        JobId = job.JobId,
        UserPoolId = job.UserPoolId,
        PreSignedUrl = await uploads.ForAsync(job, ct),
        CreationDate = job.CreatedAt,
        StartDate = job.StartedAt,
        CompletionDate = job.CompletedAt,
        Status = StatusOf(job),
        CloudWatchLogsRoleArn = job.CloudWatchLogsRoleArn,
        ImportedUsers = job.ImportedUsers,
        SkippedUsers = job.SkippedUsers,
        FailedUsers = job.FailedUsers,
        CompletionMessage = job.CompletionMessage,
    };
}
