using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>How a stored group appears on the wire.</summary>
internal static class GroupViews
{
    public static GroupType ToGroupType(StoredGroup group) => new()
    {
        GroupName = group.GroupName,
        UserPoolId = group.UserPoolId,
        Description = group.Description,
        RoleArn = group.RoleArn,
        Precedence = group.Precedence,
        LastModifiedDate = group.ModifiedAt,
        CreationDate = group.CreatedAt,
    };
}
