using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.RiskConfiguration;

/// <summary>DescribeRiskConfiguration: the client's own configuration (with its ClientId), else the pool's, which
/// applies to it (shown without a ClientId, as the pool's always is: guessed, Cognito documents no example), else
/// just the ids.</summary>
internal sealed class DescribeRiskConfigurationHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<DescribeRiskConfigurationRequest, DescribeRiskConfigurationResponse>
{
    public async Task<DescribeRiskConfigurationResponse> HandleAsync(DescribeRiskConfigurationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var scope = await ClientScope.ResolveAsync(storage, pool.Id, r.ClientId, ct);
        var row = await ClientScope.FindEffectiveAsync(storage, pool.Id, RiskConfigurationStore.Kind, scope, ct);
        return new DescribeRiskConfigurationResponse
        {
            RiskConfiguration = row is null ? RiskConfigurationStore.Empty(pool.Id, scope) : RiskConfigurationStore.View(row),
        };
    }
}
