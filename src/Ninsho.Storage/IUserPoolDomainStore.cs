namespace Ninsho.Storage;

/// <summary>User pool domains. Deleting a pool removes its domains.</summary>
public interface IUserPoolDomainStore
{
    /// <summary>Inserts a domain; <see cref="CreateResult.AlreadyExists"/> when any pool has the domain or this
    /// pool already has a domain of the same kind (prefix or custom).</summary>
    Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct);

    Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct);

    /// <summary>The pool's domains (at most one prefix and one custom domain).</summary>
    Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct);

    /// <summary>Replaces the certificate and managed login version of the pool's domain; false when the pool
    /// does not have it.</summary>
    Task<bool> UpdateAsync(StoredUserPoolDomain domain, CancellationToken ct);

    /// <summary>Deletes the domain when it belongs to the pool.</summary>
    Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct);
}
