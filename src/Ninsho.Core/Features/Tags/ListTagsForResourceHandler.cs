using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Tags;

/// <summary>ListTagsForResource: the user pool's tags (an empty map when it has none).</summary>
internal sealed class ListTagsForResourceHandler(PoolTags tags) : IOperationHandler<ListTagsForResourceRequest, ListTagsForResourceResponse>
{
    public async Task<ListTagsForResourceResponse> HandleAsync(ListTagsForResourceRequest request, OperationContext context, CancellationToken ct) =>
        new() { Tags = PoolTags.Of(await tags.ResolveAsync(request.ResourceArn, ct)) };
}
