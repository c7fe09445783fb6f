using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>DescribeResourceServer: ResourceNotFoundException for an unknown pool or identifier.</summary>
internal sealed class DescribeResourceServerHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<DescribeResourceServerRequest, DescribeResourceServerResponse>
{
    public async Task<DescribeResourceServerResponse> HandleAsync(DescribeResourceServerRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var server = await storage.ResourceServers.FindAsync(pool.Id, request.Identifier, ct)
            ?? throw CognitoErrors.ResourceServerNotFound(request.Identifier);
        return new DescribeResourceServerResponse { ResourceServer = ResourceServerViews.ToResourceServerType(server) };
    }
}
