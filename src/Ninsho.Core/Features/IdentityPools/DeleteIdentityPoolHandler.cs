using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>DeleteIdentityPool: the pool and all its identities.</summary>
internal sealed class DeleteIdentityPoolHandler(INinshoStorage storage) : IOperationHandler<DeleteIdentityPoolInput, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteIdentityPoolInput r, OperationContext context, CancellationToken ct) =>
        await storage.IdentityPools.DeletePoolAsync(r.IdentityPoolId, ct)
            ? EmptyResult.Instance
            : throw CognitoErrors.IdentityPoolNotFound(r.IdentityPoolId);
}
