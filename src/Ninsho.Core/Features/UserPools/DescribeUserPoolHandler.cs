using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>DescribeUserPool, with the pool's prefix <c>Domain</c> and <c>CustomDomain</c> when it has them.</summary>
internal sealed class DescribeUserPoolHandler(INinshoStorage storage, UserPoolService pools) : IOperationHandler<DescribeUserPoolRequest, DescribeUserPoolResponse>
{
    public async Task<DescribeUserPoolResponse> HandleAsync(DescribeUserPoolRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var described = await pools.DescribeAsync(pool, ct);
        var domains = await storage.Domains.ListForPoolAsync(pool.Id, ct);
        return new DescribeUserPoolResponse
        {
            UserPool = described with
            {
                Domain = domains.FirstOrDefault(d => !d.IsCustom)?.Domain,
                CustomDomain = domains.FirstOrDefault(d => d.IsCustom)?.Domain,
            },
        };
    }
}
