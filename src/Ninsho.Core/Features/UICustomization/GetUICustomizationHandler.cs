using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UICustomization;

/// <summary>GetUICustomization: the client's own branding, else the pool's (ClientId <c>ALL</c>), else an empty
/// UICustomization, as Cognito answers when nothing is set.</summary>
internal sealed class GetUICustomizationHandler(INinshoStorage storage, UserPoolService pools, UICustomizationService branding)
    : IOperationHandler<GetUICustomizationRequest, GetUICustomizationResponse>
{
    public async Task<GetUICustomizationResponse> HandleAsync(GetUICustomizationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var scope = await ClientScope.ResolveAsync(storage, pool.Id, r.ClientId, ct);
        var row = await ClientScope.FindEffectiveAsync(storage, pool.Id, UICustomizationService.Kind, scope, ct);
        return new GetUICustomizationResponse { UICustomization = row is null ? new UICustomizationType() : branding.View(row) };
    }
}
