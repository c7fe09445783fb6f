using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.PoolConfiguration;

/// <summary>Settings kept per pool (named <c>ALL</c>) or per app client (named by client id), as classic hosted UI
/// branding and risk configuration are.</summary>
internal static class ClientScope
{
    /// <summary>The name of the pool-level setting, which applies to clients without their own.</summary>
    public const string Pool = "ALL";

    /// <summary><see cref="Pool"/> for no client id or <c>ALL</c>; otherwise the client id, which must be a client
    /// of the pool (ResourceNotFoundException otherwise).</summary>
    public static async Task<string> ResolveAsync(INinshoStorage storage, string userPoolId, string? clientId, CancellationToken ct)
    {
        if (clientId is null or Pool)
        {
            return Pool;
        }

        var client = await storage.Clients.FindAsync(clientId, ct);
        return client is not null && client.UserPoolId == userPoolId ? clientId : throw CognitoErrors.ClientNotFound(clientId);
    }

    /// <summary>The client's own setting, else the pool's; null when neither exists.</summary>
    public static async Task<StoredPoolResource?> FindEffectiveAsync(INinshoStorage storage, string userPoolId, string kind, string scope, CancellationToken ct) =>
        (scope == Pool ? null : await storage.PoolResources.FindAsync(userPoolId, kind, scope, ct))
        ?? await storage.PoolResources.FindAsync(userPoolId, kind, Pool, ct);

    /// <summary>Drops a deleted client's own settings (the pool's are kept).</summary>
    public static async Task DeleteClientSettingsAsync(INinshoStorage storage, string userPoolId, string clientId, CancellationToken ct)
    {
        foreach (var kind in (string[])[PoolResourceKinds.UICustomization, PoolResourceKinds.RiskConfiguration])
        {
            _ = await storage.PoolResources.DeleteAsync(userPoolId, kind, clientId, ct);
        }
    }
}
