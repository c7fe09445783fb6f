using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>UpdateGroup: the members given replace the stored ones; members left out keep their values.</summary>
internal sealed class UpdateGroupHandler(INinshoStorage storage, UserPoolService pools, GroupService groups, TimeProvider clock)
    : IOperationHandler<UpdateGroupRequest, UpdateGroupResponse>
{
    private const int Attempts = 5;

    public async Task<UpdateGroupResponse> HandleAsync(UpdateGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var group = await groups.GetAsync(pool, request.GroupName, ct);
            var updated = group with
            {
                Description = request.Description ?? group.Description,
                RoleArn = request.RoleArn ?? group.RoleArn,
                Precedence = request.Precedence ?? group.Precedence,
                ModifiedAt = clock.GetUtcNow(),
            };
            switch (await storage.Groups.UpdateAsync(updated, ct))
            {
                case UpdateResult.Updated:
                    return new UpdateGroupResponse { Group = GroupViews.ToGroupType(updated) };
                case UpdateResult.NotFound:
                    throw CognitoErrors.GroupNotFound();
                default:
                    continue;
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }
}
