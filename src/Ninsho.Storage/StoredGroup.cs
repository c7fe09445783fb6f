namespace Ninsho.Storage;

/// <summary>A group of a user pool. Names are case-sensitive and unique per pool.</summary>
public sealed record StoredGroup
{
    public required string UserPoolId { get; init; }
    public required string GroupName { get; init; }
    public string? Description { get; init; }
    public string? RoleArn { get; init; }

    /// <summary>Lower wins; null loses to any value.</summary>
    public int? Precedence { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Optimistic concurrency version; storage increments it on every successful update.</summary>
    public long Version { get; init; }
}
