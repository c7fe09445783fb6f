using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.LogDelivery;

/// <summary>GetLogDeliveryConfiguration.</summary>
internal sealed class GetLogDeliveryConfigurationHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<GetLogDeliveryConfigurationRequest, GetLogDeliveryConfigurationResponse>
{
    public async Task<GetLogDeliveryConfigurationResponse> HandleAsync(GetLogDeliveryConfigurationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var row = await storage.PoolResources.FindAsync(pool.Id, LogDeliveryConfigurations.Kind, LogDeliveryConfigurations.Name, ct);
        return new GetLogDeliveryConfigurationResponse { LogDeliveryConfiguration = LogDeliveryConfigurations.View(pool.Id, row) };
    }
}
