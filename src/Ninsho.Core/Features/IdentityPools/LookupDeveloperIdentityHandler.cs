using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>LookupDeveloperIdentity: the identity of a developer user identifier and every identifier linked to it,
/// MaxResults (1–60) at a time. With both an IdentityId and an identifier, they must belong together
/// (ResourceConflictException otherwise, as the model documents).</summary>
internal sealed class LookupDeveloperIdentityHandler(INinshoStorage storage, IdentityPoolService pools)
    : IOperationHandler<LookupDeveloperIdentityInput, LookupDeveloperIdentityResponse>
{
    public async Task<LookupDeveloperIdentityResponse> HandleAsync(LookupDeveloperIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        if (r.IdentityId is null && r.DeveloperUserIdentifier is null)
        {
            throw CognitoErrors.DeveloperLookupNeedsKey();
        }

        var developer = DeveloperLogins.Require(config, null);
        var identity = r.DeveloperUserIdentifier is { } userIdentifier
            ? await storage.IdentityPools.FindIdentityByLoginAsync(row.IdentityPoolId, DeveloperLogins.Key(developer, userIdentifier), ct)
                ?? throw CognitoErrors.DeveloperUserNotRegistered()
            : await DeveloperLogins.FindInPoolAsync(storage, row.IdentityPoolId, r.IdentityId!, ct);
        if (r.IdentityId is not null && r.IdentityId != identity.IdentityId)
        {
            throw CognitoErrors.DeveloperUserNotLinked();
        }

        var identifiers = DeveloperLogins.Identifiers(await storage.IdentityPools.ListLoginsAsync(identity.IdentityId, ct), developer);
        var start = int.TryParse(PaginationTokens.Decode(r.NextToken), out var offset) && offset > 0 ? offset : 0;
        var take = r.MaxResults ?? 60;
        return new LookupDeveloperIdentityResponse
        {
            IdentityId = identity.IdentityId,
            DeveloperUserIdentifierList = [.. identifiers.Skip(start).Take(take)],
            NextToken = start + take < identifiers.Count ? PaginationTokens.Encode((start + take).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null,
        };
    }
}
