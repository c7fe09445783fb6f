using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.RiskConfiguration;

/// <summary>Risk configurations as pool resources of kind <c>risk-configuration</c>, named <c>ALL</c> (the pool's) or
/// by client id: the RiskConfigurationType without its ids and date, which come from the row. A pool-level one is
/// shown without a ClientId, as the CLI's example of Describe shows it.</summary>
internal static class RiskConfigurationStore
{
    public const string Kind = PoolResourceKinds.RiskConfiguration;

    public static string Serialize(RiskConfigurationType config) => JsonSerializer.Serialize(
        config with { UserPoolId = null, ClientId = null, LastModifiedDate = null }, PoolConfigurationJsonContext.Default.RiskConfigurationType);

    public static RiskConfigurationType View(StoredPoolResource row) =>
        (JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.RiskConfigurationType) ?? new RiskConfigurationType()) with
        {
            UserPoolId = row.UserPoolId,
            ClientId = row.Name == ClientScope.Pool ? null : row.Name,
            LastModifiedDate = row.ModifiedAt,
        };

    /// <summary>What is shown when nothing is set: the pool id (and the client's id when one was asked for).</summary>
    public static RiskConfigurationType Empty(string userPoolId, string scope) =>
        new() { UserPoolId = userPoolId, ClientId = scope == ClientScope.Pool ? null : scope };
}
