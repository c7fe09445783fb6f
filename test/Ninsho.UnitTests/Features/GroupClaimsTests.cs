using Ninsho.Core.Users;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Features;

public sealed class GroupClaimsTests
{
    private const string RoleA = "arn:aws:iam::123456789012:role/a";
    private const string RoleB = "arn:aws:iam::123456789012:role/b";

    private static StoredGroup Group(string name, int? precedence, string? role) => new()
    {
        UserPoolId = "ap-northeast-1_abc",
        GroupName = name,
        Precedence = precedence,
        RoleArn = role,
        CreatedAt = DateTimeOffset.UnixEpoch,
        ModifiedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void No_groups_give_no_claims()
    {
        var claims = GroupService.Claims([]);

        Assert.Empty(claims.Groups);
        Assert.Empty(claims.Roles);
        Assert.Null(claims.PreferredRole);
    }

    [Fact]
    public void Lowest_precedence_with_a_role_is_preferred_and_null_precedence_loses()
    {
        var claims = GroupService.Claims([Group("none", null, RoleA), Group("late", 10, RoleB), Group("first", 1, null), Group("also", 10, RoleB)]);

        Assert.Equal(["first", "also", "late", "none"], claims.Groups);
        Assert.Equal([RoleB, RoleA], claims.Roles);
        Assert.Equal(RoleB, claims.PreferredRole);
    }

    [Fact]
    public void Tied_precedence_with_different_roles_sets_no_preferred_role()
    {
        var claims = GroupService.Claims([Group("x", 2, RoleA), Group("y", 2, RoleB), Group("z", 5, RoleA)]);

        Assert.Equal([RoleA, RoleB], claims.Roles);
        Assert.Null(claims.PreferredRole);
    }

    [Fact]
    public void Groups_without_precedence_still_give_a_role_when_they_agree()
    {
        Assert.Equal(RoleA, GroupService.Claims([Group("x", null, RoleA), Group("y", null, RoleA)]).PreferredRole);
        Assert.Null(GroupService.Claims([Group("x", null, RoleA), Group("y", null, RoleB)]).PreferredRole);
    }
}
