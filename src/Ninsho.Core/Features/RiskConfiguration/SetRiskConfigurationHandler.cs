using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.RiskConfiguration;

/// <summary>SetRiskConfiguration for the pool (no ClientId, or <c>ALL</c>) or one app client. A request with none of
/// the three configurations resets it: the pool's to defaults, a client's to inheriting the pool's (the API
/// reference's wording). Ninsho stores and returns the settings; it assesses no risk and blocks nobody.
/// Pools without threat protection (UserPoolAddOns) are accepted: Terraform's acceptance tests set and describe
/// every kind of risk configuration on plain pools against AWS.</summary>
internal sealed class SetRiskConfigurationHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<SetRiskConfigurationRequest, SetRiskConfigurationResponse>
{
    public async Task<SetRiskConfigurationResponse> HandleAsync(SetRiskConfigurationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var scope = await ClientScope.ResolveAsync(storage, pool.Id, r.ClientId, ct);
        if (r.CompromisedCredentialsRiskConfiguration is null && r.AccountTakeoverRiskConfiguration is null && r.RiskExceptionConfiguration is null)
        {
            _ = await storage.PoolResources.DeleteAsync(pool.Id, RiskConfigurationStore.Kind, scope, ct);
            return new SetRiskConfigurationResponse { RiskConfiguration = RiskConfigurationStore.Empty(pool.Id, scope) };
        }

        RiskConfigurationRules.Check(r.RiskExceptionConfiguration);
        var config = new RiskConfigurationType
        {
            CompromisedCredentialsRiskConfiguration = RiskConfigurationRules.WithDefaults(r.CompromisedCredentialsRiskConfiguration),
            AccountTakeoverRiskConfiguration = r.AccountTakeoverRiskConfiguration,
            RiskExceptionConfiguration = r.RiskExceptionConfiguration,
        };
        var row = await PoolResourceWriter.PutAsync(storage.PoolResources, pool.Id, RiskConfigurationStore.Kind, scope,
            _ => RiskConfigurationStore.Serialize(config), clock.GetUtcNow(), ct);
        return new SetRiskConfigurationResponse { RiskConfiguration = RiskConfigurationStore.View(row) };
    }
}
