namespace Ninsho.Storage;

/// <summary>User import jobs and their uploaded CSV files. Deleting a pool deletes its jobs.</summary>
public interface IUserImportJobStore
{
    /// <summary>Inserts a job; <see cref="CreateResult.AlreadyExists"/> when the job id is taken.</summary>
    Task<CreateResult> CreateAsync(StoredUserImportJob job, CancellationToken ct);

    Task<StoredUserImportJob?> FindAsync(string userPoolId, string jobId, CancellationToken ct);

    /// <summary>The pool's jobs ordered by job id, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredUserImportJob>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the job when the stored version equals <c>job.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdateAsync(StoredUserImportJob job, CancellationToken ct);

    /// <summary>Gives one job to <paramref name="owner"/>: a <c>Pending</c> one, or an <c>InProgress</c>/<c>Stopping</c>
    /// one whose heartbeat is older than <paramref name="staleBefore"/> (its node died). Sets Owner, HeartbeatAt = now,
    /// Version + 1 and a Pending job's Status to InProgress, atomically across nodes; null when there is nothing to run.</summary>
    Task<StoredUserImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct);

    /// <summary>Stores (replaces) the CSV file of a job.</summary>
    Task PutCsvAsync(string jobId, byte[] csv, CancellationToken ct);

    /// <summary>The job's CSV file, or null when none was uploaded.</summary>
    Task<byte[]?> GetCsvAsync(string jobId, CancellationToken ct);
}
