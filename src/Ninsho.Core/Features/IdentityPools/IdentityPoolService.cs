using System.Text.Json;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Reads and writes identity pools: the stored row and its parsed configuration.</summary>
internal sealed class IdentityPoolService(INinshoStorage storage, NinshoCoreOptions options, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    public async Task<(StoredIdentityPool Row, IdentityPoolConfig Config)> GetAsync(string identityPoolId, CancellationToken ct)
    {
        var row = await storage.IdentityPools.FindPoolAsync(identityPoolId, ct) ?? throw CognitoErrors.IdentityPoolNotFound(identityPoolId);
        return (row, Parse(row));
    }

    /// <summary>Applies <paramref name="change"/> to the current configuration, retrying on concurrent writes.</summary>
    public async Task<IdentityPoolConfig> UpdateAsync(string identityPoolId, Func<IdentityPoolConfig, IdentityPoolConfig> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (row, config) = await GetAsync(identityPoolId, ct);
            var next = change(config);
            var result = await storage.IdentityPools.UpdatePoolAsync(row with
            {
                Name = next.Pool.IdentityPoolName,
                ConfigJson = Serialize(next),
                ModifiedAt = clock.GetUtcNow(),
            }, ct);
            switch (result)
            {
                case UpdateResult.Updated:
                    return next;
                case UpdateResult.NotFound:
                    throw CognitoErrors.IdentityPoolNotFound(identityPoolId);
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    public string Arn(string identityPoolId) =>
        $"arn:aws:cognito-identity:{RegionOf(identityPoolId)}:{options.AccountId}:identitypool/{identityPoolId}";

    /// <summary>The identity pool id named by an identity pool ARN, or null.</summary>
    public static string? IdFromArn(string arn)
    {
        var marker = arn.IndexOf(":identitypool/", StringComparison.Ordinal);
        return arn.StartsWith("arn:aws:cognito-identity:", StringComparison.Ordinal) && marker > 0
            ? arn[(marker + ":identitypool/".Length)..]
            : null;
    }

    public static string RegionOf(string id) => id[..Math.Max(0, id.IndexOf(':', StringComparison.Ordinal))];

    public static string Serialize(IdentityPoolConfig config) => JsonSerializer.Serialize(config, IdentityJsonContext.Default.IdentityPoolConfig);

    private static IdentityPoolConfig Parse(StoredIdentityPool row) =>
        JsonSerializer.Deserialize(row.ConfigJson, IdentityJsonContext.Default.IdentityPoolConfig)
        ?? throw new InvalidOperationException("Stored identity pool configuration is empty.");

    /// <summary>The short form ListIdentityPools returns.</summary>
    public static IdentityPoolShortDescription Short(StoredIdentityPool row) =>
        new() { IdentityPoolId = row.IdentityPoolId, IdentityPoolName = row.Name };
}
