using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>CreateResourceServer: an identifier unique in the pool, up to 100 scopes with distinct names, at most
/// <see cref="ResourceServerViews.MaxPerPool"/> per pool (checked before the insert).</summary>
internal sealed class CreateResourceServerHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<CreateResourceServerRequest, CreateResourceServerResponse>
{
    public async Task<CreateResourceServerResponse> HandleAsync(CreateResourceServerRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var scopes = ResourceServerViews.SerializeScopes(request.Scopes);
        if (await storage.ResourceServers.CountAsync(pool.Id, ct) >= ResourceServerViews.MaxPerPool)
        {
            throw CognitoErrors.ResourceServerLimitExceeded();
        }

        var now = clock.GetUtcNow();
        var server = new StoredResourceServer
        {
            UserPoolId = pool.Id,
            Identifier = request.Identifier,
            Name = request.Name,
            ScopesJson = scopes,
            CreatedAt = now,
            ModifiedAt = now,
        };
        return await storage.ResourceServers.CreateAsync(server, ct) switch
        {
            CreateResult.Created => new CreateResourceServerResponse { ResourceServer = ResourceServerViews.ToResourceServerType(server) },
            _ => throw CognitoErrors.ResourceServerExists(request.Identifier, pool.Id),
        };
    }
}
