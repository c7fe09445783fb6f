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

    /// <summary>The pool's keys, oldest first (created time, then key id); empty for an unknown pool.</summary>
    Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct);

    /// <summary>Rotation, in one transaction: sets <paramref name="retireOthersAt"/> on every key of the pool that has
    /// no earlier retire time, then inserts <paramref name="keys"/>. False (and nothing written) when the pool does
    /// not exist.</summary>
    Task<bool> AddSigningKeysAsync(string userPoolId, IReadOnlyList<StoredSigningKey> keys, DateTimeOffset retireOthersAt, CancellationToken ct);

    /// <summary>Deletes the pool's keys that have a retire time (the ones a rotation superseded); returns how many.</summary>
    Task<int> DeleteRetiringSigningKeysAsync(string userPoolId, CancellationToken ct);
}
