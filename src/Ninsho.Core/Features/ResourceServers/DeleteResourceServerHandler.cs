using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>DeleteResourceServer. Clients keep the scopes in their AllowedOAuthScopes, as in Cognito; the token
/// endpoint no longer grants a scope whose resource server is gone.</summary>
internal sealed class DeleteResourceServerHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<DeleteResourceServerRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteResourceServerRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        if (!await storage.ResourceServers.DeleteAsync(pool.Id, request.Identifier, ct))
        {
            throw CognitoErrors.ResourceServerNotFound(request.Identifier);
        }

        return EmptyResult.Instance;
    }
}
