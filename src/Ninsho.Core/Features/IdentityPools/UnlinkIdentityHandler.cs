using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>UnlinkIdentity: with a verified login of the identity, removes the logins of the named providers.</summary>
internal sealed class UnlinkIdentityHandler(INinshoStorage storage, IdentityAccess access, TimeProvider clock)
    : IOperationHandler<UnlinkIdentityInput, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(UnlinkIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var resolved = await access.ResolveAsync(r.IdentityId, r.Logins, ct);
        if (!resolved.Authenticated)
        {
            throw CognitoErrors.LoginsDoNotMatch();
        }

        foreach (var provider in r.LoginsToRemove)
        {
            if (!resolved.Identity.Logins.Contains(provider, StringComparer.Ordinal))
            {
                throw CognitoErrors.IdentityHasNoLogin(provider);
            }

            _ = await storage.IdentityPools.UnlinkProviderAsync(r.IdentityId, provider, clock.GetUtcNow(), ct);
        }

        return EmptyResult.Instance;
    }
}
