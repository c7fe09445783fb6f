using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>CreateGroup: GroupExistsException when the pool has the name (names are case-sensitive);
/// LimitExceededException at Cognito's quota of <see cref="MaxGroupsPerPool"/> groups per pool (checked before the
/// insert, so concurrent creates at the limit may pass it by a few).</summary>
internal sealed class CreateGroupHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<CreateGroupRequest, CreateGroupResponse>
{
    public const int MaxGroupsPerPool = 10_000;

    public async Task<CreateGroupResponse> HandleAsync(CreateGroupRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        if (await storage.Groups.CountAsync(pool.Id, ct) >= MaxGroupsPerPool)
        {
            throw CognitoErrors.GroupLimitExceeded();
        }

        var now = clock.GetUtcNow();
        var group = new StoredGroup
        {
            UserPoolId = pool.Id,
            GroupName = request.GroupName,
            Description = request.Description,
            RoleArn = request.RoleArn,
            Precedence = request.Precedence,
            CreatedAt = now,
            ModifiedAt = now,
        };
        return await storage.Groups.CreateAsync(group, ct) switch
        {
            CreateResult.Created => new CreateGroupResponse { Group = GroupViews.ToGroupType(group) },
            _ => throw CognitoErrors.GroupExists(),
        };
    }
}
