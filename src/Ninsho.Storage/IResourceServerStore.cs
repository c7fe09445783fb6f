namespace Ninsho.Storage;

/// <summary>The resource servers of user pools. Deleting a pool removes them.</summary>
public interface IResourceServerStore
{
    /// <summary>Inserts a resource server; <see cref="CreateResult.AlreadyExists"/> when the pool has the identifier.</summary>
    Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct);

    Task<long> CountAsync(string userPoolId, CancellationToken ct);

    Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct);

    /// <summary>The pool's resource servers ordered by identifier, after <paramref name="afterKey"/> (exclusive).</summary>
    Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the name, scopes and modification time; false when the resource server does not exist.</summary>
    Task<bool> UpdateAsync(StoredResourceServer server, CancellationToken ct);

    Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct);
}
