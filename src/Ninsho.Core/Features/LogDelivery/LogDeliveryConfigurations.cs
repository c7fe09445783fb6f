using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.LogDelivery;

/// <summary>A pool's log export settings: one pool resource of kind <c>log-delivery-configuration</c> named
/// <c>pool</c>, holding the LogConfigurations list. The host writes the exported logs where the operator maps each
/// configured ARN (<see cref="PoolLogTargets"/>, docs/operations.md#log-delivery).</summary>
internal static class LogDeliveryConfigurations
{
    public const string Kind = PoolResourceKinds.LogDeliveryConfiguration;
    public const string Name = "pool";

    public static string Serialize(IReadOnlyList<LogConfigurationType> configurations) =>
        JsonSerializer.Serialize([.. configurations], PoolConfigurationJsonContext.Default.ListLogConfigurationType);

    /// <summary>The configuration shown for the pool; an empty list when none was set (guessed).</summary>
    public static LogDeliveryConfigurationType View(string userPoolId, StoredPoolResource? row) => new()
    {
        UserPoolId = userPoolId,
        LogConfigurations = row is null ? [] : JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.ListLogConfigurationType) ?? [],
    };
}
