using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>Reads and rewrites an app client's secret set for Add/List/DeleteUserPoolClientSecret.</summary>
internal sealed class ClientSecretRotation(INinshoStorage storage, UserPoolService pools, UserPoolClientService clients, TimeProvider clock)
{
    public async Task<(StoredUserPoolClient Stored, UserPoolClientType Client)> GetAsync(string userPoolId, string clientId, CancellationToken ct)
    {
        _ = await pools.GetAsync(userPoolId, ct);
        var stored = await storage.Clients.FindAsync(clientId, ct);
        if (stored is null || stored.UserPoolId != userPoolId)
        {
            throw CognitoErrors.ClientNotFound(clientId);
        }

        return (stored, await clients.DescribeAsync(stored));
    }

    /// <summary>Stores <paramref name="secrets"/> as the client's set (optimistic: a concurrent change fails).</summary>
    public async Task SaveAsync(StoredUserPoolClient stored, UserPoolClientType client, IReadOnlyList<ClientSecretEntry> secrets, CancellationToken ct)
    {
        var updated = stored with
        {
            ModifiedAt = clock.GetUtcNow(),
            ConfigJson = await clients.SerializeAsync(stored.ClientId, client, secrets),
        };
        switch (await storage.Clients.UpdateAsync(updated, ct))
        {
            case UpdateResult.Updated:
                return;
            case UpdateResult.NotFound:
                throw CognitoErrors.ClientNotFound(stored.ClientId);
            default:
                throw CognitoErrors.ConcurrentModification();
        }
    }
}
