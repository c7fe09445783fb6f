using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Tags;

/// <summary>UntagResource: removes the keys from a user pool's tags; keys it doesn't have are ignored.</summary>
internal sealed class UntagResourceHandler(PoolTags tags) : IOperationHandler<UntagResourceRequest, UntagResourceResponse>
{
    public async Task<UntagResourceResponse> HandleAsync(UntagResourceRequest request, OperationContext context, CancellationToken ct)
    {
        await tags.ChangeAsync(request.ResourceArn, current =>
        {
            foreach (var key in request.TagKeys)
            {
                _ = current.Remove(key);
            }
        }, ct);
        return new UntagResourceResponse();
    }
}
