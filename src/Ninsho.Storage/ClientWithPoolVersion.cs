namespace Ninsho.Storage;

/// <summary>An app client read in one statement with its pool's current version (a client's pool always exists:
/// deleting a pool deletes its clients).</summary>
public sealed record ClientWithPoolVersion(StoredUserPoolClient Client, long PoolVersion);
