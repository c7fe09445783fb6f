namespace Ninsho.Storage;

/// <summary>App clients of user pools.</summary>
public interface IUserPoolClientStore
{
    Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct);

    Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct);

    /// <summary>The client with its pool's current version, in one statement; null when there is no such client.</summary>
    Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct);

    /// <summary>The pool's clients ordered by client id, after <paramref name="afterKey"/> (exclusive).</summary>
    Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct);

    Task<UpdateResult> UpdateAsync(StoredUserPoolClient client, CancellationToken ct);

    /// <summary>Deletes the client and its refresh tokens.</summary>
    Task<bool> DeleteAsync(string clientId, CancellationToken ct);
}
