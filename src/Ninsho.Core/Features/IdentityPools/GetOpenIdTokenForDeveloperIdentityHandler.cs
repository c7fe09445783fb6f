using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetOpenIdTokenForDeveloperIdentity (signed, called by the developer's backend): the identity of the
/// developer user identifier, created on first sight (or the given IdentityId, to which the identifier is then
/// linked), and an OpenID token for it valid TokenDuration seconds (15 minutes by default). Other logins in the map
/// are verified and linked to the same identity.</summary>
internal sealed class GetOpenIdTokenForDeveloperIdentityHandler(
    INinshoStorage storage, IdentityPoolService pools, LoginVerifier verifier, IdentityOpenIdTokens tokens, TimeProvider clock)
    : IOperationHandler<GetOpenIdTokenForDeveloperIdentityInput, GetOpenIdTokenForDeveloperIdentityResponse>
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    public async Task<GetOpenIdTokenForDeveloperIdentityResponse> HandleAsync(
        GetOpenIdTokenForDeveloperIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        var others = r.Logins.Where(l => verifier.IsProviderKey(config, l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var developerLogins = r.Logins.Where(l => !others.ContainsKey(l.Key)).ToList();
        if (developerLogins.Count != 1)
        {
            throw developerLogins.Count == 0
                ? CognitoErrors.DeveloperLoginMissing()
                : CognitoErrors.DeveloperProviderNotSupported();
        }

        var developer = DeveloperLogins.Require(config, developerLogins[0].Key);
        var userIdentifier = developerLogins[0].Value;
        DeveloperLogins.CheckIdentifier(userIdentifier);
        var verified = await verifier.VerifyAsync(config, others, ct);
        if (verified.Any(l => l.ProvenIdentityId is not null))
        {
            throw CognitoErrors.UnsupportedLoginProvider();
        }

        var identity = await ResolveAsync(row.IdentityPoolId, r.IdentityId, DeveloperLogins.Key(developer, userIdentifier), developer, ct);
        foreach (var login in verified)
        {
            if (await storage.IdentityPools.LinkLoginAsync(identity.IdentityId, login.LoginKey, login.Provider, clock.GetUtcNow(), ct) == LinkResult.LinkedToAnotherIdentity)
            {
                throw CognitoErrors.LoginLinkedToAnotherIdentity();
            }
        }

        // amr as documented for developer identities by users' reports: the provider, then provider:pool:identifier
        // (unconfirmed against Cognito).
        IReadOnlyList<string> amr = ["authenticated", developer, $"{developer}:{row.IdentityPoolId}:{userIdentifier}"];
        var lifetime = r.TokenDuration is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        return new GetOpenIdTokenForDeveloperIdentityResponse
        {
            IdentityId = identity.IdentityId,
            Token = await tokens.IssueAsync(row.IdentityPoolId, identity.IdentityId, amr, lifetime, r.PrincipalTags),
        };
    }

    private async Task<StoredIdentity> ResolveAsync(string identityPoolId, string? identityId, string loginKey, string developer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (identityId is null)
        {
            var candidate = new StoredIdentity
            {
                IdentityId = IdentityPoolService.RegionOf(identityPoolId) + ":" + Guid.NewGuid().ToString("D"),
                IdentityPoolId = identityPoolId,
                Logins = [],
                CreatedAt = now,
                ModifiedAt = now,
            };
            return await storage.IdentityPools.GetOrCreateIdentityAsync(candidate, loginKey, developer, ct)
                ?? throw CognitoErrors.IdentityPoolNotFound(identityPoolId);
        }

        var identity = await DeveloperLogins.FindInPoolAsync(storage, identityPoolId, identityId, ct);
        return await storage.IdentityPools.LinkLoginAsync(identity.IdentityId, loginKey, developer, now, ct) switch
        {
            LinkResult.LinkedToAnotherIdentity => throw CognitoErrors.DeveloperUserAlreadyRegistered(),
            LinkResult.IdentityNotFound => throw CognitoErrors.IdentityNotFound(identityId),
            _ => identity,
        };
    }
}
