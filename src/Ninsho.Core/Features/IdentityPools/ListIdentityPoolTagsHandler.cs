using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>cognito-identity ListTagsForResource.</summary>
internal sealed class ListIdentityPoolTagsHandler(IdentityPoolTags tags) : IOperationHandler<ListTagsForResourceInput, ListTagsForResourceResponse>
{
    public async Task<ListTagsForResourceResponse> HandleAsync(ListTagsForResourceInput r, OperationContext context, CancellationToken ct) =>
        new() { Tags = await tags.GetAsync(r.ResourceArn, ct) };
}
