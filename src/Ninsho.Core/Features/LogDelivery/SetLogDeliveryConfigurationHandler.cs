using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.LogDelivery;

/// <summary>SetLogDeliveryConfiguration: replaces the pool's log export settings (an empty list turns export off).</summary>
internal sealed class SetLogDeliveryConfigurationHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse>
{
    public async Task<SetLogDeliveryConfigurationResponse> HandleAsync(SetLogDeliveryConfigurationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        LogDeliveryRules.Check(pool, r.LogConfigurations);
        var row = await PoolResourceWriter.PutAsync(storage.PoolResources, pool.Id, LogDeliveryConfigurations.Kind, LogDeliveryConfigurations.Name,
            _ => LogDeliveryConfigurations.Serialize(r.LogConfigurations), clock.GetUtcNow(), ct);
        return new SetLogDeliveryConfigurationResponse { LogDeliveryConfiguration = LogDeliveryConfigurations.View(pool.Id, row) };
    }
}
