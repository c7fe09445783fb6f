using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>DescribeManagedLoginBranding. ReturnMergedResources is accepted and changes nothing: Cognito then merges
/// its own default settings and images into the answer, and Ninsho has no copy of those defaults.</summary>
internal sealed class DescribeManagedLoginBrandingHandler(UserPoolService pools, ManagedLoginBrandingService brandings)
    : IOperationHandler<DescribeManagedLoginBrandingRequest, DescribeManagedLoginBrandingResponse>
{
    public async Task<DescribeManagedLoginBrandingResponse> HandleAsync(DescribeManagedLoginBrandingRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        return new DescribeManagedLoginBrandingResponse { ManagedLoginBranding = await brandings.GetAsync(pool.Id, r.ManagedLoginBrandingId, ct) };
    }
}
