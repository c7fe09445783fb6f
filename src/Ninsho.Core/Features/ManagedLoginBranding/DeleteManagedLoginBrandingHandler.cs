using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>DeleteManagedLoginBranding: the app client is left without a style.</summary>
internal sealed class DeleteManagedLoginBrandingHandler(UserPoolService pools, ManagedLoginBrandingService brandings)
    : IOperationHandler<DeleteManagedLoginBrandingRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteManagedLoginBrandingRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        await brandings.DeleteAsync(pool.Id, r.ManagedLoginBrandingId, ct);
        return EmptyResult.Instance;
    }
}
