using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>AdminAddUserToGroup; adding a member again is a no-op.</summary>
internal sealed class AdminAddUserToGroupHandler(INinshoStorage storage, UserPoolService pools, GroupService groups, UserDirectory directory)
    : IOperationHandler<AdminAddUserToGroupRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(AdminAddUserToGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var group = await groups.GetAsync(pool, request.GroupName, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        if (!await storage.Groups.AddMemberAsync(pool.Id, group.GroupName, user.UsernameKey, ct))
        {
            // Deleted between the reads and the insert.
            throw await storage.Groups.FindAsync(pool.Id, group.GroupName, ct) is null ? CognitoErrors.GroupNotFound() : CognitoErrors.UserNotFound();
        }

        return EmptyResult.Instance;
    }
}
