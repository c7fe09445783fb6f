using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>UpdateResourceServer: replaces the name and the whole scope list (scopes left out are removed, as in
/// Cognito).</summary>
internal sealed class UpdateResourceServerHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<UpdateResourceServerRequest, UpdateResourceServerResponse>
{
    public async Task<UpdateResourceServerResponse> HandleAsync(UpdateResourceServerRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var existing = await storage.ResourceServers.FindAsync(pool.Id, request.Identifier, ct)
            ?? throw CognitoErrors.ResourceServerNotFound(request.Identifier);
        var updated = existing with
        {
            Name = request.Name,
            ScopesJson = ResourceServerViews.SerializeScopes(request.Scopes),
            ModifiedAt = clock.GetUtcNow(),
        };
        if (!await storage.ResourceServers.UpdateAsync(updated, ct))
        {
            throw CognitoErrors.ResourceServerNotFound(request.Identifier);
        }

        return new UpdateResourceServerResponse { ResourceServer = ResourceServerViews.ToResourceServerType(updated) };
    }
}
