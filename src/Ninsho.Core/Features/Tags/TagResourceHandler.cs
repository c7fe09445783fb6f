using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Tags;

/// <summary>TagResource: adds the tags to a user pool, replacing the values of keys it already has.</summary>
internal sealed class TagResourceHandler(PoolTags tags) : IOperationHandler<TagResourceRequest, TagResourceResponse>
{
    public async Task<TagResourceResponse> HandleAsync(TagResourceRequest request, OperationContext context, CancellationToken ct)
    {
        await tags.ChangeAsync(request.ResourceArn, current =>
        {
            foreach (var (key, value) in request.Tags)
            {
                current[key] = value;
            }
        }, ct);
        return new TagResourceResponse();
    }
}
