using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPools;

/// <summary>DescribeUserPool.</summary>
internal sealed class DescribeUserPoolHandler(UserPoolService pools) : IOperationHandler<DescribeUserPoolRequest, DescribeUserPoolResponse>
{
    public async Task<DescribeUserPoolResponse> HandleAsync(DescribeUserPoolRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        return new DescribeUserPoolResponse { UserPool = await pools.DescribeAsync(pool, ct) };
    }
}
