using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserImportJobStore(PostgreSqlCommands db) : IUserImportJobStore
{
    private const string Columns =
        "pool_id, job_id, job_name, role_arn, status, created_at, started_at, completed_at, imported_users, skipped_users, " +
        "failed_users, completion_message, rows_done, log, owner, heartbeat_at, version";

    public async Task<CreateResult> CreateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO user_import_jobs ({Columns}) VALUES (@pool, @id, @name, @role, @status, @created, @started, @completed, " +
            "@imported, @skipped, @failed, @message, @rows, @log, @owner, @heartbeat, @version) ON CONFLICT (job_id) DO NOTHING;"), job);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserImportJob?> FindAsync(string userPoolId, string jobId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool AND job_id = @id;")
            .With("pool", userPoolId)
            .With("id", jobId);
        var jobs = await ReadAllAsync(select, ct);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<Page<StoredUserImportJob>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(afterKey is null
            ? $"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool ORDER BY job_id LIMIT @take;"
            : $"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool AND job_id > @after ORDER BY job_id LIMIT @take;")
            .With("pool", userPoolId)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        return KeysetPage.From(await ReadAllAsync(select, ct), limit, static j => j.JobId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var update = Bind(db.CreateCommand(
            "UPDATE user_import_jobs SET job_name = @name, role_arn = @role, status = @status, created_at = @created, started_at = @started, " +
            "completed_at = @completed, imported_users = @imported, skipped_users = @skipped, failed_users = @failed, " +
            "completion_message = @message, rows_done = @rows, log = @log, owner = @owner, heartbeat_at = @heartbeat, version = @version + 1 " +
            "WHERE pool_id = @pool AND job_id = @id AND version = @version;"), job);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            return UpdateResult.Updated;
        }

        return await FindAsync(job.UserPoolId, job.JobId, ct) is null ? UpdateResult.NotFound : UpdateResult.VersionConflict;
    }

    public async Task<StoredUserImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
    {
        // SKIP LOCKED: nodes claiming at the same moment take different jobs instead of queueing on one row.
        await using var claim = db.CreateCommand(
            "UPDATE user_import_jobs SET owner = @owner, heartbeat_at = @now, version = version + 1, " +
            "status = CASE WHEN status = 'Pending' THEN 'InProgress' ELSE status END WHERE job_id = (" +
            "SELECT job_id FROM user_import_jobs WHERE status = 'Pending' " +
            "OR (status IN ('InProgress', 'Stopping') AND (heartbeat_at IS NULL OR heartbeat_at < @stale)) " +
            $"ORDER BY job_id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING {Columns};")
            .With("owner", owner)
            .WithTime("now", now)
            .WithTime("stale", staleBefore);
        var jobs = await ReadAllAsync(claim, ct);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task PutCsvAsync(string jobId, byte[] csv, CancellationToken ct)
    {
        await using var put = db.CreateCommand(
            "INSERT INTO user_import_csv (job_id, data) VALUES (@id, @data) ON CONFLICT (job_id) DO UPDATE SET data = excluded.data;")
            .With("id", jobId)
            .With("data", csv);
        _ = await put.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> GetCsvAsync(string jobId, CancellationToken ct)
    {
        await using var select = db.CreateCommand("SELECT data FROM user_import_csv WHERE job_id = @id;").With("id", jobId);
        return await select.ExecuteScalarAsync(ct) as byte[];
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredUserImportJob job) => command
        .With("pool", job.UserPoolId)
        .With("id", job.JobId)
        .With("name", job.JobName)
        .With("role", job.CloudWatchLogsRoleArn)
        .With("status", job.Status)
        .WithTime("created", job.CreatedAt)
        .WithTime("started", job.StartedAt)
        .WithTime("completed", job.CompletedAt)
        .With("imported", job.ImportedUsers)
        .With("skipped", job.SkippedUsers)
        .With("failed", job.FailedUsers)
        .WithText("message", job.CompletionMessage)
        .With("rows", job.RowsDone)
        .WithText("log", job.Log)
        .WithText("owner", job.Owner)
        .WithTime("heartbeat", job.HeartbeatAt)
        .With("version", job.Version);

    private static async Task<List<StoredUserImportJob>> ReadAllAsync(NpgsqlCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var jobs = new List<StoredUserImportJob>();
        while (await reader.ReadAsync(ct))
        {
            jobs.Add(new StoredUserImportJob
            {
                UserPoolId = reader.GetString(0),
                JobId = reader.GetString(1),
                JobName = reader.GetString(2),
                CloudWatchLogsRoleArn = reader.GetString(3),
                Status = reader.GetString(4),
                CreatedAt = reader.GetTimestamp(5),
                StartedAt = reader.GetNullableTimestamp(6),
                CompletedAt = reader.GetNullableTimestamp(7),
                ImportedUsers = reader.GetInt64(8),
                SkippedUsers = reader.GetInt64(9),
                FailedUsers = reader.GetInt64(10),
                CompletionMessage = reader.GetNullableString(11),
                RowsDone = reader.GetInt64(12),
                Log = reader.GetNullableString(13),
                Owner = reader.GetNullableString(14),
                HeartbeatAt = reader.GetNullableTimestamp(15),
                Version = reader.GetInt64(16),
            });
        }

        return jobs;
    }
}
