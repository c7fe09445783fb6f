using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>user_import_jobs</c> and <c>user_import_csv</c> rows as both backends store them: their SQL (the
/// same on both, the claim's pieces and the CSV's upsert included), the parameter binding and the row reader. The
/// backends keep their connections and PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c> on the claimed row.</summary>
internal static class UserImportJobRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "pool_id, job_id, job_name, role_arn, status, created_at, started_at, completed_at, imported_users, skipped_users, " +
        "failed_users, completion_message, rows_done, log, owner, heartbeat_at, version";

    /// <summary>Binds <see cref="Bind"/>; no row when the job exists.</summary>
    public const string Insert =
        $"INSERT INTO user_import_jobs ({Columns}) VALUES (@pool, @id, @name, @role, @status, @created, @started, @completed, " +
        "@imported, @skipped, @failed, @message, @rows, @log, @owner, @heartbeat, @version) ON CONFLICT (job_id) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; changes no row when the version is not <c>@version</c>.</summary>
    public const string Update =
        "UPDATE user_import_jobs SET job_name = @name, role_arn = @role, status = @status, created_at = @created, started_at = @started, " +
        "completed_at = @completed, imported_users = @imported, skipped_users = @skipped, failed_users = @failed, " +
        "completion_message = @message, rows_done = @rows, log = @log, owner = @owner, heartbeat_at = @heartbeat, version = @version + 1 " +
        "WHERE pool_id = @pool AND job_id = @id AND version = @version;";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool AND job_id = @id;";

    /// <summary>Binds <see cref="Key"/>; 1 when the job exists, else 0.</summary>
    public const string Count = "SELECT count(*) FROM user_import_jobs WHERE pool_id = @pool AND job_id = @id;";

    /// <summary>The head of the claim: owner <c>@owner</c> takes the job whose id follows in parentheses, with a
    /// heartbeat at <c>@now</c>; a pending job starts.</summary>
    public const string ClaimUpdate =
        "UPDATE user_import_jobs SET owner = @owner, heartbeat_at = @now, version = version + 1, " +
        "status = CASE WHEN status = 'Pending' THEN 'InProgress' ELSE status END WHERE job_id = ";

    /// <summary>The job a claim takes: the first pending one, or the first running or stopping one whose owner's
    /// heartbeat is older than <c>@stale</c> (a backend may add a row lock after it).</summary>
    public const string ClaimCandidate =
        "SELECT job_id FROM user_import_jobs WHERE status = 'Pending' " +
        "OR (status IN ('InProgress', 'Stopping') AND (heartbeat_at IS NULL OR heartbeat_at < @stale)) ORDER BY job_id LIMIT 1";

    /// <summary>The tail of the claim: the claimed row, read by <see cref="Read"/>.</summary>
    public const string ClaimReturning = $" RETURNING {Columns};";

    /// <summary>Binds <c>@id</c> and <see cref="SqlDialect.Bytes"/> <c>@data</c>; replaces the job's CSV.</summary>
    public const string PutCsv =
        "INSERT INTO user_import_csv (job_id, data) VALUES (@id, @data) ON CONFLICT (job_id) DO UPDATE SET data = excluded.data;";

    /// <summary>Job <c>@id</c>'s CSV, or no row.</summary>
    public const string GetCsv = "SELECT data FROM user_import_csv WHERE job_id = @id;";

    /// <summary>A page of a pool's jobs by id; binds <c>@pool</c> and <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterKey) => afterKey is null
        ? $"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool ORDER BY job_id LIMIT @take;"
        : $"SELECT {Columns} FROM user_import_jobs WHERE pool_id = @pool AND job_id > @after ORDER BY job_id LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredUserImportJob job)
    {
        Key(sql, command, job.UserPoolId, job.JobId);
        sql.Text(command, "@name", job.JobName);
        sql.Text(command, "@role", job.CloudWatchLogsRoleArn);
        sql.Text(command, "@status", job.Status);
        sql.Time(command, "@created", job.CreatedAt);
        sql.Time(command, "@started", job.StartedAt);
        sql.Time(command, "@completed", job.CompletedAt);
        sql.Int64(command, "@imported", job.ImportedUsers);
        sql.Int64(command, "@skipped", job.SkippedUsers);
        sql.Int64(command, "@failed", job.FailedUsers);
        sql.Text(command, "@message", job.CompletionMessage);
        sql.Int64(command, "@rows", job.RowsDone);
        sql.Text(command, "@log", job.Log);
        sql.Text(command, "@owner", job.Owner);
        sql.Time(command, "@heartbeat", job.HeartbeatAt);
        sql.Int64(command, "@version", job.Version);
    }

    /// <summary>Binds <c>@pool</c> and <c>@id</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string jobId)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@id", jobId);
    }

    /// <summary>Binds <c>@owner</c>, <c>@now</c> and <c>@stale</c> for the claim.</summary>
    public static void BindClaim(SqlDialect sql, DbCommand command, string owner, DateTimeOffset now, DateTimeOffset staleBefore)
    {
        sql.Text(command, "@owner", owner);
        sql.Time(command, "@now", now);
        sql.Time(command, "@stale", staleBefore);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredUserImportJob Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        JobId = reader.GetString(1),
        JobName = reader.GetString(2),
        CloudWatchLogsRoleArn = reader.GetString(3),
        Status = reader.GetString(4),
        CreatedAt = sql.GetTime(reader, 5),
        StartedAt = sql.GetNullableTime(reader, 6),
        CompletedAt = sql.GetNullableTime(reader, 7),
        ImportedUsers = reader.GetInt64(8),
        SkippedUsers = reader.GetInt64(9),
        FailedUsers = reader.GetInt64(10),
        CompletionMessage = reader.GetNullableString(11),
        RowsDone = reader.GetInt64(12),
        Log = reader.GetNullableString(13),
        Owner = reader.GetNullableString(14),
        HeartbeatAt = sql.GetNullableTime(reader, 15),
        Version = reader.GetInt64(16),
    };
}
