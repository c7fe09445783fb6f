using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>DescribeManagedLoginBrandingByClient: the style of an app client of the pool (ReturnMergedResources as in
/// <see cref="DescribeManagedLoginBrandingHandler"/>).</summary>
internal sealed class DescribeManagedLoginBrandingByClientHandler(UserPoolService pools, UserPoolClientService clients, ManagedLoginBrandingService brandings)
    : IOperationHandler<DescribeManagedLoginBrandingByClientRequest, DescribeManagedLoginBrandingByClientResponse>
{
    public async Task<DescribeManagedLoginBrandingByClientResponse> HandleAsync(
        DescribeManagedLoginBrandingByClientRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        _ = await clients.GetAsync(r.ClientId, pool.Id, ct);
        return new DescribeManagedLoginBrandingByClientResponse { ManagedLoginBranding = await brandings.GetForClientAsync(pool.Id, r.ClientId, ct) };
    }
}
