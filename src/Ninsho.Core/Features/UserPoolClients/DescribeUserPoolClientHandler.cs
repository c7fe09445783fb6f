using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>DescribeUserPoolClient (returns the secret, as Cognito does).</summary>
internal sealed class DescribeUserPoolClientHandler(UserPoolService pools, UserPoolClientService clients)
    : IOperationHandler<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>
{
    public async Task<DescribeUserPoolClientResponse> HandleAsync(DescribeUserPoolClientRequest request, OperationContext context, CancellationToken ct)
    {
        _ = await pools.GetAsync(request.UserPoolId, ct);
        return new DescribeUserPoolClientResponse { UserPoolClient = await clients.GetAsync(request.ClientId, request.UserPoolId, ct) };
    }
}
