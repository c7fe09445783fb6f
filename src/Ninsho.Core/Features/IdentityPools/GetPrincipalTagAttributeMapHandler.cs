using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetPrincipalTagAttributeMap: the provider's map as set; a provider never set shows UseDefaults false
/// and no tags (a guess at Cognito's answer for an untouched provider).</summary>
internal sealed class GetPrincipalTagAttributeMapHandler(IdentityPoolService pools)
    : IOperationHandler<GetPrincipalTagAttributeMapInput, GetPrincipalTagAttributeMapResponse>
{
    public async Task<GetPrincipalTagAttributeMapResponse> HandleAsync(GetPrincipalTagAttributeMapInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        var provider = PrincipalTagMaps.RequireProvider(config, r.IdentityProviderName);
        var map = config.PrincipalTagMaps?.GetValueOrDefault(provider);
        return new GetPrincipalTagAttributeMapResponse
        {
            IdentityPoolId = row.IdentityPoolId,
            IdentityProviderName = provider,
            UseDefaults = map?.UseDefaults ?? false,
            PrincipalTags = PrincipalTagMaps.Effective(map),
        };
    }
}
