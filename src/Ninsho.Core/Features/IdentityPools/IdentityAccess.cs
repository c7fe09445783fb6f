using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Who may act as an identity (GetCredentialsForIdentity, GetOpenIdToken): a guest identity without
/// logins when the pool allows guests; an authenticated one with at least one of its logins, verified. New verified
/// logins presented with a known one are linked to the identity (docs/cognito-behaviour.md#identity-pools). An OpenID token of this server
/// for the identity (developer-authenticated identities) proves it as well.</summary>
internal sealed class IdentityAccess(INinshoStorage storage, IdentityPoolService pools, LoginVerifier verifier, TimeProvider clock)
{
    public async Task<ResolvedIdentity> ResolveAsync(string identityId, IReadOnlyDictionary<string, string>? logins, CancellationToken ct)
    {
        var identity = await storage.IdentityPools.FindIdentityAsync(identityId, ct) ?? throw CognitoErrors.IdentityNotFound(identityId);
        var (_, config) = await pools.GetAsync(identity.IdentityPoolId, ct);
        var verified = await verifier.VerifyAsync(config, logins, ct);
        if (verified.Count == 0)
        {
            if (identity.Logins.Count > 0)
            {
                throw CognitoErrors.LoginsDoNotMatch();
            }

            return config.Pool.AllowUnauthenticatedIdentities == true
                ? new ResolvedIdentity(identity, config, Authenticated: false)
                : throw CognitoErrors.UnauthenticatedNotSupported();
        }

        if (verified.Any(l => l.ProvenIdentityId is { } proven && proven != identityId))
        {
            throw CognitoErrors.IdentityForbidden(identityId);
        }

        var presented = verified;
        var proof = verified.Any(l => l.ProvenIdentityId is not null);
        verified = [.. verified.Where(l => l.ProvenIdentityId is null)];
        var holders = new List<StoredIdentity?>();
        foreach (var login in verified)
        {
            holders.Add(await storage.IdentityPools.FindIdentityByLoginAsync(identity.IdentityPoolId, login.LoginKey, ct));
        }

        if (holders.Any(h => h is not null && h.IdentityId != identityId))
        {
            throw CognitoErrors.IdentityForbidden(identityId);
        }

        if (!proof && identity.Logins.Count > 0 && holders.All(h => h is null))
        {
            throw CognitoErrors.LoginsDoNotMatch();
        }

        var now = clock.GetUtcNow();
        foreach (var login in verified.Where((_, i) => holders[i] is null))
        {
            if (await storage.IdentityPools.LinkLoginAsync(identityId, login.LoginKey, login.Provider, now, ct) == LinkResult.LinkedToAnotherIdentity)
            {
                throw CognitoErrors.LoginLinkedToAnotherIdentity();
            }
        }

        var current = await storage.IdentityPools.FindIdentityAsync(identityId, ct) ?? throw CognitoErrors.IdentityNotFound(identityId);
        return new ResolvedIdentity(current, config, Authenticated: true, presented);
    }
}
