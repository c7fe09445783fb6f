using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>UpdateIdentityPool: replaces every setting with the request's (omitted ones are cleared, as AWS
/// documents); the roles of SetIdentityPoolRoles stay.</summary>
internal sealed class UpdateIdentityPoolHandler(IdentityPoolService pools) : IOperationHandler<IdentityPool, IdentityPool>
{
    public async Task<IdentityPool> HandleAsync(IdentityPool r, OperationContext context, CancellationToken ct)
    {
        var pool = IdentityPoolRules.Normalize(r);
        var updated = await pools.UpdateAsync(r.IdentityPoolId, c => c with
        {
            Pool = pool with { IdentityPoolTags = r.IdentityPoolTags ?? c.Pool.IdentityPoolTags },
        }, ct);
        return updated.Pool;
    }
}
