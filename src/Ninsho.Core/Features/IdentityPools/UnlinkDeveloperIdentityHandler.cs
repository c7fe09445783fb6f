using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>UnlinkDeveloperIdentity: the developer user identifier leaves the identity; seen again, it gets a new
/// identity. The identity itself stays (inaccessible once it has no login left, as AWS documents).</summary>
internal sealed class UnlinkDeveloperIdentityHandler(INinshoStorage storage, IdentityPoolService pools, TimeProvider clock)
    : IOperationHandler<UnlinkDeveloperIdentityInput, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(UnlinkDeveloperIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        var developer = DeveloperLogins.Require(config, r.DeveloperProviderName);
        var identity = await DeveloperLogins.FindInPoolAsync(storage, row.IdentityPoolId, r.IdentityId, ct);
        return await storage.IdentityPools.UnlinkLoginAsync(identity.IdentityId, DeveloperLogins.Key(developer, r.DeveloperUserIdentifier), clock.GetUtcNow(), ct)
            ? EmptyResult.Instance
            : throw CognitoErrors.DeveloperUserNotLinked();
    }
}
