using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>SetPrincipalTagAttributeMap: replaces the provider's map (see <see cref="PrincipalTagMaps"/>).</summary>
internal sealed class SetPrincipalTagAttributeMapHandler(IdentityPoolService pools)
    : IOperationHandler<SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse>
{
    public async Task<SetPrincipalTagAttributeMapResponse> HandleAsync(SetPrincipalTagAttributeMapInput r, OperationContext context, CancellationToken ct)
    {
        var map = new PrincipalTagMap(r.UseDefaults ?? false, r.PrincipalTags is { Count: > 0 } tags ? tags : null);
        _ = await pools.UpdateAsync(r.IdentityPoolId, c => c with
        {
            PrincipalTagMaps = new Dictionary<string, PrincipalTagMap>(c.PrincipalTagMaps ?? new Dictionary<string, PrincipalTagMap>(), StringComparer.Ordinal)
            {
                [PrincipalTagMaps.RequireProvider(c, r.IdentityProviderName)] = map,
            },
        }, ct);
        return new SetPrincipalTagAttributeMapResponse
        {
            IdentityPoolId = r.IdentityPoolId,
            IdentityProviderName = r.IdentityProviderName,
            UseDefaults = map.UseDefaults,
            PrincipalTags = PrincipalTagMaps.Effective(map),
        };
    }
}
