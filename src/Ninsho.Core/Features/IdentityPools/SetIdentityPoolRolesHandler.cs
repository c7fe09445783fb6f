using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>SetIdentityPoolRoles: the <c>authenticated</c> and <c>unauthenticated</c> role ARNs (and role mappings)
/// that GetCredentialsForIdentity requires.</summary>
internal sealed class SetIdentityPoolRolesHandler(IdentityPoolService pools) : IOperationHandler<SetIdentityPoolRolesInput, EmptyResult>
{
    private static readonly string[] RoleKeys = ["authenticated", "unauthenticated"];

    public async Task<EmptyResult> HandleAsync(SetIdentityPoolRolesInput r, OperationContext context, CancellationToken ct)
    {
        foreach (var key in r.Roles.Keys)
        {
            if (!RoleKeys.Contains(key, StringComparer.Ordinal))
            {
                throw CognitoErrors.InvalidRoleKey(key);
            }
        }

        _ = await pools.UpdateAsync(r.IdentityPoolId, c => c with { Roles = r.Roles, RoleMappings = r.RoleMappings }, ct);
        return EmptyResult.Instance;
    }
}
