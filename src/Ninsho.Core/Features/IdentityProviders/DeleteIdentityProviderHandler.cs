using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>DeleteIdentityProvider.</summary>
internal sealed class DeleteIdentityProviderHandler(UserPoolService pools, IdentityProviderService providers)
    : IOperationHandler<DeleteIdentityProviderRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteIdentityProviderRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        await providers.DeleteAsync(pool, r.ProviderName, ct);
        return EmptyResult.Instance;
    }
}
