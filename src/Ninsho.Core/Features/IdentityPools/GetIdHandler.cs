using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetId: the identity of the verified login (the same one every time), or a new guest identity when no
/// login is given and the pool allows guests. Further logins given together are linked to that identity.</summary>
internal sealed class GetIdHandler(INinshoStorage storage, IdentityPoolService pools, LoginVerifier verifier, TimeProvider clock)
    : IOperationHandler<GetIdInput, GetIdResponse>
{
    public async Task<GetIdResponse> HandleAsync(GetIdInput r, OperationContext context, CancellationToken ct)
    {
        var (row, config) = await pools.GetAsync(r.IdentityPoolId, ct);
        var logins = await verifier.VerifyAsync(config, r.Logins, ct);
        if (logins.Count == 0 && config.Pool.AllowUnauthenticatedIdentities != true)
        {
            throw CognitoErrors.UnauthenticatedNotSupported();
        }

        if (logins.FirstOrDefault(l => l.ProvenIdentityId is not null) is { ProvenIdentityId: { } proven })
        {
            return new GetIdResponse { IdentityId = proven };
        }

        var now = clock.GetUtcNow();
        var candidate = new StoredIdentity
        {
            IdentityId = IdentityPoolService.RegionOf(row.IdentityPoolId) + ":" + Guid.NewGuid().ToString("D"),
            IdentityPoolId = row.IdentityPoolId,
            Logins = [],
            CreatedAt = now,
            ModifiedAt = now,
        };
        var first = logins.Count > 0 ? logins[0] : null;
        var identity = await storage.IdentityPools.GetOrCreateIdentityAsync(candidate, first?.LoginKey, first?.Provider, ct)
            ?? throw CognitoErrors.IdentityPoolNotFound(r.IdentityPoolId);
        foreach (var login in logins.Skip(1))
        {
            if (await storage.IdentityPools.LinkLoginAsync(identity.IdentityId, login.LoginKey, login.Provider, now, ct) == LinkResult.LinkedToAnotherIdentity)
            {
                throw CognitoErrors.LoginLinkedToAnotherIdentity();
            }
        }

        return new GetIdResponse { IdentityId = identity.IdentityId };
    }
}
