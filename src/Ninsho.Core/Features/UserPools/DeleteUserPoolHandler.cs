using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>DeleteUserPool: refused while deletion protection is active.</summary>
internal sealed class DeleteUserPoolHandler(INinshoStorage storage, UserPoolService pools) : IOperationHandler<DeleteUserPoolRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteUserPoolRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        if (pool.Config.DeletionProtection == DeletionProtectionType.ACTIVE)
        {
            throw CognitoErrors.DeletionProtectionActive();
        }

        _ = await storage.UserPools.DeleteAsync(pool.Id, ct);
        return EmptyResult.Instance;
    }
}
