namespace Ninsho.Storage;

/// <summary>A user import job (CreateUserImportJob) as stored, with its progress and the node running it.</summary>
public sealed record StoredUserImportJob
{
    public required string UserPoolId { get; init; }

    /// <summary><c>import-</c> and random alphanumerics; unique across pools.</summary>
    public required string JobId { get; init; }

    public required string JobName { get; init; }
    public required string CloudWatchLogsRoleArn { get; init; }

    /// <summary>Cognito's UserImportJobStatusType value, e.g. <c>InProgress</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long ImportedUsers { get; init; }
    public long SkippedUsers { get; init; }
    public long FailedUsers { get; init; }
    public string? CompletionMessage { get; init; }

    /// <summary>CSV data rows already processed: a node taking over a stale job resumes after them.</summary>
    public long RowsDone { get; init; }

    /// <summary>The per-row failures, one line each (what Cognito writes to CloudWatch), capped by the runner.</summary>
    public string? Log { get; init; }

    /// <summary>The node running the job (Pending jobs have none) and its last sign of life.</summary>
    public string? Owner { get; init; }

    public DateTimeOffset? HeartbeatAt { get; init; }

    public long Version { get; init; }
}
