using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>MergeDeveloperIdentities: the source user identifier (with every login of its identity) joins the
/// destination's identity, and the source identity is gone. An identifier seen for the first time is simply linked.
/// Two identities holding different users of one public provider can't be merged, and an identity keeps at most 20
/// logins (the model's rules).</summary>
internal sealed class MergeDeveloperIdentitiesHandler(INinshoStorage storage, IdentityPoolService pools, TimeProvider clock)
    : IOperationHandler<MergeDeveloperIdentitiesInput, MergeDeveloperIdentitiesResponse>
{
    private const int MaxLogins = 20;

    public async Task<MergeDeveloperIdentitiesResponse> HandleAsync(MergeDeveloperIdentitiesInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        var developer = DeveloperLogins.Require(config, r.DeveloperProviderName);
        var destination = await storage.IdentityPools.FindIdentityByLoginAsync(row.IdentityPoolId, DeveloperLogins.Key(developer, r.DestinationUserIdentifier), ct)
            ?? throw CognitoErrors.MergeDestinationNotRegistered();
        var sourceKey = DeveloperLogins.Key(developer, r.SourceUserIdentifier);
        var now = clock.GetUtcNow();
        var source = await storage.IdentityPools.FindIdentityByLoginAsync(row.IdentityPoolId, sourceKey, ct);
        if (source is null)
        {
            return await storage.IdentityPools.LinkLoginAsync(destination.IdentityId, sourceKey, developer, now, ct) switch
            {
                LinkResult.Linked or LinkResult.AlreadyLinkedHere => new MergeDeveloperIdentitiesResponse { IdentityId = destination.IdentityId },
                _ => throw CognitoErrors.IdentitiesChangedConcurrently(),
            };
        }

        if (source.IdentityId == destination.IdentityId)
        {
            return new MergeDeveloperIdentitiesResponse { IdentityId = destination.IdentityId };
        }

        var sourceLogins = await storage.IdentityPools.ListLoginsAsync(source.IdentityId, ct);
        var destinationLogins = await storage.IdentityPools.ListLoginsAsync(destination.IdentityId, ct);
        var shared = sourceLogins.Select(l => l.Provider).Intersect(destinationLogins.Select(l => l.Provider), StringComparer.Ordinal).Where(p => p != developer);
        if (shared.Any())
        {
            throw CognitoErrors.MergeSharedProvider();
        }

        if (sourceLogins.Count + destinationLogins.Count > MaxLogins)
        {
            throw CognitoErrors.TooManyLinkedLogins(MaxLogins);
        }

        return await storage.IdentityPools.MergeIdentitiesAsync(source.IdentityId, destination.IdentityId, now, ct)
            ? new MergeDeveloperIdentitiesResponse { IdentityId = destination.IdentityId }
            : throw CognitoErrors.IdentitiesChangedConcurrently();
    }
}
