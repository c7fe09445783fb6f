using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>UpdateIdentityPool: replaces every setting with the request's (omitted ones are cleared, as AWS
/// documents) except the developer provider name, which can't change once set; the roles of SetIdentityPoolRoles stay.</summary>
internal sealed class UpdateIdentityPoolHandler(IdentityPoolService pools) : IOperationHandler<IdentityPool, IdentityPool>
{
    public async Task<IdentityPool> HandleAsync(IdentityPool r, OperationContext context, CancellationToken ct)
    {
        var pool = IdentityPoolRules.Normalize(r);
        var updated = await pools.UpdateAsync(r.IdentityPoolId, c => c with
        {
            Pool = pool with
            {
                IdentityPoolTags = r.IdentityPoolTags ?? c.Pool.IdentityPoolTags,
                DeveloperProviderName = KeptDeveloperProvider(c.Pool.DeveloperProviderName, r.DeveloperProviderName),
            },
        }, ct);
        return updated.Pool;
    }

    /// <summary>A developer provider name can't change once set (AWS documents it); omitting it keeps it.</summary>
    private static string? KeptDeveloperProvider(string? stored, string? requested) =>
        stored is null || requested is null || requested == stored
            ? stored ?? requested
            : throw CognitoErrors.DeveloperProviderImmutable();
}
