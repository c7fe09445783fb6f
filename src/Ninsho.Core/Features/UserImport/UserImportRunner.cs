using System.Globalization;
using System.Text;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Users;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>Runs one claimed import job: reads its CSV, creates users a batch (one transaction) at a time, and after
/// each batch stores the counts, the rows done and a heartbeat. A job its node left (crash, restart) is claimed by
/// another node after <see cref="UserImportWorker.StaleAfter"/> and resumes after the rows done.
/// Per-row failures go to the job's log (Cognito writes them to CloudWatch): one line per failed row,
/// <c>[ERROR] Line Number N - message</c>, the first <see cref="MaxLogLines"/> of them, readable with
/// <c>GET /_ninsho/import/{pool}/{job}/log</c>.</summary>
internal sealed class UserImportRunner(INinshoStorage storage, UserPoolService pools, UserDirectory directory, IdGenerator ids, TimeProvider clock)
{
    public const int BatchSize = 1000;
    public const int MaxLogLines = 1000;

    // Cognito's completion messages, as seen in the console (guessed where not documented).
    public const string SucceededMessage = "Import Job Completed Successfully.";
    public const string StoppedMessage = "Import Job Stopped.";

    public async Task RunAsync(StoredUserImportJob claimed, CancellationToken ct)
    {
        var job = claimed;
        if (job.Status == UserImportJobs.Stopping)
        {
            _ = await FinishAsync(job, UserImportJobs.Stopped, StoppedMessage, ct);
            return;
        }

        var pool = await pools.FindAsync(job.UserPoolId, ct);
        var csv = await storage.ImportJobs.GetCsvAsync(job.JobId, ct);
        if (pool is null || csv is null || csv.Length == 0)
        {
            _ = await FinishAsync(job, UserImportJobs.Failed, pool is null ? "The user pool no longer exists." : "No CSV file was uploaded to the job's PreSignedUrl.", ct);
            return;
        }

        job = await SaveAsync(job with { Status = UserImportJobs.InProgress }, ct);
        if (job.Status != UserImportJobs.InProgress)
        {
            return;
        }

        using var reader = new StreamReader(new MemoryStream(csv), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecords(reader);
        try
        {
            var header = records.Next() ?? [];
            var rows = ImportRows.Create(pool, header, ids, out var problem);
            if (problem is not null)
            {
                _ = await FinishAsync(job, UserImportJobs.Failed, problem, ct);
                return;
            }

            await ImportAsync(job, pool, records, rows, ct);
        }
        catch (FormatException e)
        {
            var current = await storage.ImportJobs.FindAsync(job.UserPoolId, job.JobId, ct);
            if (current is not null && current.Owner == job.Owner)
            {
                _ = await FinishAsync(current, UserImportJobs.Failed, $"The CSV file is not valid at line {records.LineNumber}: {e.Message}", ct);
            }
        }
    }

    private async Task ImportAsync(StoredUserImportJob job, UserPoolSettings pool, CsvRecords records, ImportRows rows, CancellationToken ct)
    {
        var log = new StringBuilder(job.Log);
        var logLines = job.Log?.Count(c => c == '\n') ?? 0;
        long row = 0;
        while (true)
        {
            var batch = new List<(int Line, StoredUser User)>(BatchSize);
            var failed = 0L;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (batch.Count + failed < BatchSize && records.Next() is { } fields)
            {
                if (++row <= job.RowsDone)
                {
                    continue;
                }

                try
                {
                    var user = rows.ToUser(fields, clock.GetUtcNow());
                    await CheckUniqueAsync(pool, user, seen, ct);
                    batch.Add((records.LineNumber, user));
                }
                catch (ImportRowException e)
                {
                    failed++;
                    Log(records.LineNumber, e.Message);
                }
            }

            if (batch.Count + failed == 0)
            {
                _ = await FinishAsync(job with { Log = LogText() }, UserImportJobs.Succeeded, SucceededMessage, ct);
                return;
            }

            var results = await storage.Users.CreateManyAsync(batch.Select(b => b.User).ToList(), ct);
            var imported = 0L;
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i] == CreateResult.Created)
                {
                    imported++;
                }
                else
                {
                    failed++;
                    Log(batch[i].Line, "User account already exists.");
                }
            }

            var progressed = job with
            {
                ImportedUsers = job.ImportedUsers + imported,
                FailedUsers = job.FailedUsers + failed,
                RowsDone = row,
                Log = LogText(),
                HeartbeatAt = clock.GetUtcNow(),
            };
            job = await SaveAsync(progressed, ct);
            if (job.Status != UserImportJobs.InProgress || job.Owner != progressed.Owner)
            {
                return;
            }
        }

        void Log(int line, string message)
        {
            if (logLines++ < MaxLogLines)
            {
                _ = log.Append(CultureInfo.InvariantCulture, $"[ERROR] Line Number {line} - {message}\n");
            }
        }

        string? LogText() => log.Length == 0 ? null : log.ToString();
    }

    /// <summary>An email or phone username may belong to one user only (in the pool and in the batch).</summary>
    private async Task CheckUniqueAsync(UserPoolSettings pool, StoredUser user, HashSet<string> seen, CancellationToken ct)
    {
        foreach (var name in pool.UsernameAttributes)
        {
            if (user.Attributes.TryGetValue(name, out var value)
                && (!seen.Add(name + "\n" + value) || await directory.FindHolderAsync(pool, name, value, null, ct) is not null))
            {
                throw new ImportRowException(name == "email" ? "An account with the given email already exists." : "An account with the given phone_number already exists.");
            }
        }
    }

    /// <summary>Stores the job's progress. When someone else changed it meanwhile (StopUserImportJob), re-reads it:
    /// a Stopping job is marked Stopped with this progress; a job another node took over is left to it.</summary>
    private async Task<StoredUserImportJob> SaveAsync(StoredUserImportJob job, CancellationToken ct)
    {
        while (true)
        {
            if (await storage.ImportJobs.UpdateAsync(job, ct) == UpdateResult.Updated)
            {
                return job with { Version = job.Version + 1 };
            }

            var current = await storage.ImportJobs.FindAsync(job.UserPoolId, job.JobId, ct);
            if (current is null || current.Owner != job.Owner
                || current.Status is UserImportJobs.Stopped or UserImportJobs.Failed or UserImportJobs.Succeeded)
            {
                return current ?? job with { Status = UserImportJobs.Failed };
            }

            var progress = current with
            {
                ImportedUsers = job.ImportedUsers,
                FailedUsers = job.FailedUsers,
                SkippedUsers = job.SkippedUsers,
                RowsDone = job.RowsDone,
                Log = job.Log,
                HeartbeatAt = job.HeartbeatAt,
            };
            if (current.Status == UserImportJobs.Stopping)
            {
                return await FinishAsync(progress, UserImportJobs.Stopped, StoppedMessage, ct);
            }

            job = progress with { Status = job.Status };
        }
    }

    private async Task<StoredUserImportJob> FinishAsync(StoredUserImportJob job, string status, string message, CancellationToken ct) =>
        await SaveAsync(job with { Status = status, CompletedAt = clock.GetUtcNow(), CompletionMessage = message }, ct);
}
