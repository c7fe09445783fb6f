using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Terms;

/// <summary>DescribeTerms.</summary>
internal sealed class DescribeTermsHandler(UserPoolService pools, TermsService terms)
    : IOperationHandler<DescribeTermsRequest, DescribeTermsResponse>
{
    public async Task<DescribeTermsResponse> HandleAsync(DescribeTermsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        return new DescribeTermsResponse { Terms = await terms.GetAsync(pool.Id, r.TermsId, ct) };
    }
}
