using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>cognito-identity TagResource: adds tags to an identity pool, replacing existing keys' values.</summary>
internal sealed class TagIdentityPoolHandler(IdentityPoolTags tags) : IOperationHandler<TagResourceInput, TagResourceResponse>
{
    public async Task<TagResourceResponse> HandleAsync(TagResourceInput r, OperationContext context, CancellationToken ct)
    {
        await tags.ChangeAsync(r.ResourceArn, current =>
        {
            foreach (var (key, value) in r.Tags)
            {
                current[key] = value;
            }
        }, ct);
        return new TagResourceResponse();
    }
}
