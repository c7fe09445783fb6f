namespace Ninsho.Storage;

/// <summary>User pools and their signing keys.</summary>
public interface IUserPoolStore
{
    /// <summary>Inserts a pool with its signing keys in one transaction.</summary>
    Task<CreateResult> CreateAsync(StoredUserPool pool, IReadOnlyList<StoredSigningKey> keys, CancellationToken ct);

    Task<StoredUserPool?> FindAsync(string userPoolId, CancellationToken ct);

    /// <summary>Pools ordered by id, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredUserPool>> ListAsync(int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the pool when the stored version equals <c>pool.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdateAsync(StoredUserPool pool, CancellationToken ct);

    /// <summary>Deletes the pool and everything in it (clients, users, keys, tokens).</summary>
    Task<bool> DeleteAsync(string userPoolId, CancellationToken ct);

    Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct);
}
