namespace Ninsho.Storage;

/// <summary>A named piece of a user pool's configuration that lives beside the pool rather than in it (identity
/// providers today): its kind, its name (unique per pool and kind) and its body as JSON the feature owns.</summary>
public sealed record StoredPoolResource
{
    public required string UserPoolId { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string BodyJson { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Optimistic concurrency version; storage increments it on every successful update.</summary>
    public long Version { get; init; }
}
