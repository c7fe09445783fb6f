using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>How a stored user appears on the wire.</summary>
internal static class UserViews
{
    /// <summary>The attributes with <c>sub</c> first, as Cognito lists them.</summary>
    public static List<AttributeType> Attributes(StoredUser user, IReadOnlyCollection<string>? only = null)
    {
        var list = new List<AttributeType>(user.Attributes.Count);
        if (user.Attributes.TryGetValue("sub", out var sub) && (only is null || only.Contains("sub")))
        {
            list.Add(new AttributeType { Name = "sub", Value = sub });
        }

        foreach (var (name, value) in user.Attributes)
        {
            if (name != "sub" && (only is null || only.Contains(name)))
            {
                list.Add(new AttributeType { Name = name, Value = value });
            }
        }

        return list;
    }

    public static UserType ToUserType(StoredUser user, IReadOnlyCollection<string>? only = null) => new()
    {
        Username = user.Username,
        Attributes = Attributes(user, only),
        UserCreateDate = user.CreatedAt,
        UserLastModifiedDate = user.ModifiedAt,
        Enabled = user.Enabled,
        UserStatus = user.Status,
    };
}
