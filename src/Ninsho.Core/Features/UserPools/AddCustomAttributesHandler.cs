using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPools;

/// <summary>AddCustomAttributes: appends <c>custom:</c> (or developer-only <c>dev:custom:</c>) attributes to the
/// pool's schema; existing names are refused and nothing is added.</summary>
internal sealed class AddCustomAttributesHandler(UserPoolService pools)
    : IOperationHandler<AddCustomAttributesRequest, AddCustomAttributesResponse>
{
    public async Task<AddCustomAttributesResponse> HandleAsync(AddCustomAttributesRequest request, OperationContext context, CancellationToken ct)
    {
        await pools.ChangeConfigAsync(request.UserPoolId, pool =>
            pool.Config with { SchemaAttributes = UserPoolDefaults.WithCustomAttributes(pool.Schema, request.CustomAttributes) }, ct);
        return new AddCustomAttributesResponse();
    }
}
