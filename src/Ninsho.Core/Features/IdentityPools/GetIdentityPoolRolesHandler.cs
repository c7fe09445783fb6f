using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

internal sealed class GetIdentityPoolRolesHandler(IdentityPoolService pools) : IOperationHandler<GetIdentityPoolRolesInput, GetIdentityPoolRolesResponse>
{
    public async Task<GetIdentityPoolRolesResponse> HandleAsync(GetIdentityPoolRolesInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        return new GetIdentityPoolRolesResponse
        {
            IdentityPoolId = row.IdentityPoolId,
            Roles = config.Roles ?? new Dictionary<string, string>(StringComparer.Ordinal),
            RoleMappings = config.RoleMappings,
        };
    }
}
