namespace Ninsho.Storage;

/// <summary>Identity pools, their identities and the logins linked to them. A login (a provider and the
/// subject it vouches for, as one key) belongs to at most one identity of a pool. Deleting a pool deletes its
/// identities; deleting an identity deletes its links.</summary>
public interface IIdentityPoolStore
{
    /// <summary>Inserts a pool; <see cref="CreateResult.AlreadyExists"/> when its id exists.</summary>
    Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct);

    Task<StoredIdentityPool?> FindPoolAsync(string identityPoolId, CancellationToken ct);

    /// <summary>Pools ordered by id, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the pool when the stored version equals <c>pool.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdatePoolAsync(StoredIdentityPool pool, CancellationToken ct);

    /// <summary>Deletes the pool with its identities and links; false when there was none.</summary>
    Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct);

    /// <summary>The identity <paramref name="loginKey"/> is linked to in the candidate's pool; otherwise stores
    /// <paramref name="candidate"/> (linked to the login, under <paramref name="provider"/>, when one is given).
    /// Concurrent callers with one login all get the same identity. Null when the pool does not exist.</summary>
    Task<StoredIdentity?> GetOrCreateIdentityAsync(StoredIdentity candidate, string? loginKey, string? provider, CancellationToken ct);

    Task<StoredIdentity?> FindIdentityAsync(string identityId, CancellationToken ct);

    /// <summary>The identity a login is linked to in a pool, if any.</summary>
    Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct);

    /// <summary>Links a login to an identity (idempotent for the same identity).</summary>
    Task<LinkResult> LinkLoginAsync(string identityId, string loginKey, string provider, DateTimeOffset now, CancellationToken ct);

    /// <summary>Removes the identity's links of <paramref name="provider"/>; false when it had none.</summary>
    Task<bool> UnlinkProviderAsync(string identityId, string provider, DateTimeOffset now, CancellationToken ct);

    /// <summary>Removes one login from an identity (its provider leaves <see cref="StoredIdentity.Logins"/> when it
    /// was the provider's last login there); false when that login is not linked to the identity.</summary>
    Task<bool> UnlinkLoginAsync(string identityId, string loginKey, DateTimeOffset now, CancellationToken ct);

    /// <summary>Moves every login of the source identity to the destination identity of the same pool and deletes
    /// the source, in one transaction; false (and nothing changed) when either is missing or the pools differ.</summary>
    Task<bool> MergeIdentitiesAsync(string sourceIdentityId, string destinationIdentityId, DateTimeOffset now, CancellationToken ct);

    /// <summary>The logins linked to an identity, in login-key order (backups).</summary>
    Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct);

    /// <summary>The pool's identities ordered by id, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredIdentity>> ListIdentitiesAsync(string identityPoolId, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Deletes an identity and its links; false when there was none.</summary>
    Task<bool> DeleteIdentityAsync(string identityId, CancellationToken ct);
}
