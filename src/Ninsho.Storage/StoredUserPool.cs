namespace Ninsho.Storage;

/// <summary>A user pool as stored. The pool's Cognito configuration is kept as an opaque JSON document
/// (owned by Ninsho.Core) so that storage never has to change when a configuration field is added.</summary>
public sealed record StoredUserPool
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>The pool configuration (a serialized <c>UserPoolType</c> without the computed members).</summary>
    public required string ConfigJson { get; init; }

    /// <summary>Optimistic concurrency version; storage increments it on every successful update.</summary>
    public long Version { get; init; }
}
