using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>What the host's upload endpoint (<c>PUT /_ninsho/import/{pool}/{job}</c>) and log endpoint need.</summary>
public sealed class UserImportUploads
{
    /// <summary>Cognito's largest CSV file: 100 MB.</summary>
    public const long MaxCsvBytes = 100L * 1024 * 1024;

    private readonly INinshoStorage _storage;
    private readonly ImportUploadUrls _urls;
    private readonly TimeProvider _clock;

    internal UserImportUploads(INinshoStorage storage, ImportUploadUrls urls, TimeProvider clock) => (_storage, _urls, _clock) = (storage, urls, clock);

    /// <summary>Stores the CSV of a Created job when the URL's signature is valid and unexpired: 200, else 403 (bad or
    /// expired URL), 404 (no such job) or 409 (the job was already started).</summary>
    public async Task<int> AcceptAsync(string userPoolId, string jobId, string? expires, string? sig, byte[] csv, CancellationToken ct)
    {
        if (!await _urls.VerifyAsync(userPoolId, jobId, expires, sig, _clock.GetUtcNow(), ct))
        {
            return 403;
        }

        var job = await _storage.ImportJobs.FindAsync(userPoolId, jobId, ct);
        if (job is null)
        {
            return 404;
        }

        if (job.Status != UserImportJobs.Created)
        {
            return 409;
        }

        await _storage.ImportJobs.PutCsvAsync(jobId, csv, ct);
        return 200;
    }

    /// <summary>The job's failure log (one line per failed row), or null when there is no such job.</summary>
    public async Task<string?> LogAsync(string userPoolId, string jobId, CancellationToken ct) =>
        await _storage.ImportJobs.FindAsync(userPoolId, jobId, ct) is { } job ? job.Log ?? string.Empty : null;
}
