namespace Ninsho.Storage;

/// <summary>An identity pool (cognito-identity). Its settings (providers, roles, tags, …) are an opaque JSON
/// document owned by Ninsho.Core.</summary>
public sealed record StoredIdentityPool
{
    /// <summary><c>region:uuid</c>, unique across the server.</summary>
    public required string IdentityPoolId { get; init; }

    public required string Name { get; init; }
    public required string ConfigJson { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Optimistic concurrency version; storage increments it on every successful update.</summary>
    public long Version { get; init; }
}
