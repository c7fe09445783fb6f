using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>cognito-identity ListTagsForResource.</summary>
internal sealed class ListIdentityPoolTagsHandler(IdentityPoolTags tags) : IOperationHandler<ListTagsForResourceInput, ListTagsForResourceResponse>
{
    public async Task<ListTagsForResourceResponse> HandleAsync(ListTagsForResourceInput r, OperationContext context, CancellationToken ct) =>
        new() { Tags = await tags.GetAsync(r.ResourceArn, ct) };
}
