using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

internal sealed class DescribeIdentityPoolHandler(IdentityPoolService pools) : IOperationHandler<DescribeIdentityPoolInput, IdentityPool>
{
    public async Task<IdentityPool> HandleAsync(DescribeIdentityPoolInput r, OperationContext context, CancellationToken ct) =>
        (await pools.GetAsync(r.IdentityPoolId, ct)).Config.Pool;
}
