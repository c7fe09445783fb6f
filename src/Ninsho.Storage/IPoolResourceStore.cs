namespace Ninsho.Storage;

/// <summary>Named configuration resources of user pools, by kind (see <see cref="StoredPoolResource"/>). Deleting a
/// pool deletes its resources.</summary>
public interface IPoolResourceStore
{
    /// <summary>Inserts a resource; <see cref="CreateResult.AlreadyExists"/> when the pool has one of that kind and
    /// name. Throws nothing for a missing pool: callers check the pool first (the foreign key refuses the row).</summary>
    Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct);

    Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct);

    /// <summary>How many resources of the kind the pool has.</summary>
    Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct);

    /// <summary>The pool's resources of the kind ordered by name, after <paramref name="afterKey"/> (exclusive).</summary>
    Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the body when the stored version equals <c>resource.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct);

    Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct);

    /// <summary>Deletes the resources of the kind, in every pool, created before <paramref name="before"/> (for
    /// kinds that expire, such as authorization codes); returns how many. Deletes in batches, so it never holds the
    /// write lock for long.</summary>
    Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct);
}
