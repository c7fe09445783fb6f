using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>DeleteGroup; the memberships go with it.</summary>
internal sealed class DeleteGroupHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<DeleteGroupRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        return await storage.Groups.DeleteAsync(pool.Id, request.GroupName, ct) ? EmptyResult.Instance : throw CognitoErrors.GroupNotFound();
    }
}
