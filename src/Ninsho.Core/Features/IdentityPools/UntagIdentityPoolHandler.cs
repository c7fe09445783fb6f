using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>cognito-identity UntagResource: removes the named tag keys (absent keys are ignored).</summary>
internal sealed class UntagIdentityPoolHandler(IdentityPoolTags tags) : IOperationHandler<UntagResourceInput, UntagResourceResponse>
{
    public async Task<UntagResourceResponse> HandleAsync(UntagResourceInput r, OperationContext context, CancellationToken ct)
    {
        await tags.ChangeAsync(r.ResourceArn, current =>
        {
            foreach (var key in r.TagKeys)
            {
                _ = current.Remove(key);
            }
        }, ct);
        return new UntagResourceResponse();
    }
}
