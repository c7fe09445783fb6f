using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>DescribeIdentityProvider.</summary>
internal sealed class DescribeIdentityProviderHandler(UserPoolService pools, IdentityProviderService providers)
    : IOperationHandler<DescribeIdentityProviderRequest, DescribeIdentityProviderResponse>
{
    public async Task<DescribeIdentityProviderResponse> HandleAsync(DescribeIdentityProviderRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        return new DescribeIdentityProviderResponse { IdentityProvider = IdentityProviderViews.Shown(await providers.GetAsync(pool, r.ProviderName, ct)) };
    }
}
