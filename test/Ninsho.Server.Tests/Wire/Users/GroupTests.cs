using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Groups through the real AWS CLI: CRUD with Cognito's errors, memberships, and the group claims in the
/// tokens a sign-in returns.</summary>
[Collection(DirectoryServer.Name)]
public sealed class GroupTests(NinshoServerFixture fixture)
{
    private const string AdminRole = "arn:aws:iam::123456789012:role/admin";
    private const string StaffRole = "arn:aws:iam::123456789012:role/staff";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_create_get_update_list_and_delete_a_group_with_Cognitos_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await CreatePoolAsync(ct);

        var created = (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins",
            "--description", "Administrators", "--role-arn", AdminRole, "--precedence", "1")).Ok().Prop("Group");
        Assert.Equal(["CreationDate", "Description", "GroupName", "LastModifiedDate", "Precedence", "RoleArn", "UserPoolId"],
            created.Names().Order(StringComparer.Ordinal));
        Assert.Equal("admins", created.Str("GroupName"));
        Assert.Equal(poolId, created.Str("UserPoolId"));
        Assert.Equal("Administrators", created.Str("Description"));
        Assert.Equal(AdminRole, created.Str("RoleArn"));
        created.AssertNumber("Precedence", 1);
        created.AssertEpochSeconds("CreationDate");
        created.AssertEpochSeconds("LastModifiedDate");

        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins"))
            .AssertError("GroupExistsException", "CreateGroup", "A group with the name already exists.");
        var bare = (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "Admins")).Ok().Prop("Group");
        Assert.Equal(["CreationDate", "GroupName", "LastModifiedDate", "UserPoolId"], bare.Names().Order(StringComparer.Ordinal));

        var got = (await Cli.CognitoIdpAsync(ct, "get-group", "--user-pool-id", poolId, "--group-name", "admins")).Ok().Prop("Group");
        Assert.Equal(Compact(created), Compact(got));
        (await Cli.CognitoIdpAsync(ct, "get-group", "--user-pool-id", poolId, "--group-name", "nobody"))
            .AssertError("ResourceNotFoundException", "GetGroup", "Group not found.");

        var updated = (await Cli.CognitoIdpAsync(ct, "update-group", "--user-pool-id", poolId, "--group-name", "admins",
            "--description", "Admins", "--precedence", "0")).Ok().Prop("Group");
        Assert.Equal("Admins", updated.Str("Description"));
        updated.AssertNumber("Precedence", 0);
        Assert.Equal(AdminRole, updated.Str("RoleArn"));
        (await Cli.CognitoIdpAsync(ct, "update-group", "--user-pool-id", poolId, "--group-name", "nobody", "--precedence", "2"))
            .AssertError("ResourceNotFoundException", "UpdateGroup", "Group not found.");

        var listed = (await Cli.CognitoIdpAsync(ct, "list-groups", "--user-pool-id", poolId)).Ok();
        Assert.Equal(["Admins", "admins"], listed.Items("Groups").Select(g => g.Str("GroupName")));
        listed.AssertMissing("NextToken");
        Assert.Equal(Compact(updated), Compact(listed.Items("Groups")[1]));

        (await Cli.CognitoIdpAsync(ct, "delete-group", "--user-pool-id", poolId, "--group-name", "admins")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "delete-group", "--user-pool-id", poolId, "--group-name", "admins"))
            .AssertError("ResourceNotFoundException", "DeleteGroup", "Group not found.");
        Assert.Equal(["Admins"], (await Cli.CognitoIdpAsync(ct, "list-groups", "--user-pool-id", poolId)).Ok().Items("Groups").Select(g => g.Str("GroupName")));

        const string MissingPool = "ap-northeast-1_NoSuchPoo1";
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", MissingPool, "--group-name", "x"))
            .AssertError("ResourceNotFoundException", "CreateGroup", $"User pool {MissingPool} does not exist.");
        (await Cli.CognitoIdpAsync(ct, "list-groups", "--user-pool-id", MissingPool))
            .AssertError("ResourceNotFoundException", "ListGroups", $"User pool {MissingPool} does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_put_groups_and_roles_in_tokens_and_drop_memberships_with_the_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await CreatePoolAsync(ct);
        var clientId = (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "app",
            "--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");
        await CreateUserAsync(poolId, "alice", ct);
        await CreateUserAsync(poolId, "bob", ct);
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "staff", "--role-arn", StaffRole, "--precedence", "5")).Ok();
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins", "--role-arn", AdminRole, "--precedence", "1")).Ok();
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "readers")).Ok();

        // No groups: no group claims.
        var plain = await SignInAsync(poolId, clientId, "bob", ct);
        JwtPayload.Decode(plain.Str("IdToken")).AssertMissing("cognito:groups");
        JwtPayload.Decode(plain.Str("AccessToken")).AssertMissing("cognito:groups");

        foreach (var group in new[] { "readers", "staff", "admins", "admins" })
        {
            (await Cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", group)).OkEmpty();
        }

        (await Cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", "nobody"))
            .AssertError("ResourceNotFoundException", "AdminAddUserToGroup", "Group not found.");
        (await Cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "carol", "--group-name", "staff"))
            .AssertError("UserNotFoundException", "AdminAddUserToGroup", "User does not exist.");
        (await Cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "bob", "--group-name", "staff")).OkEmpty();

        var aliceGroups = (await Cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", poolId, "--username", "alice")).Ok();
        Assert.Equal(["admins", "readers", "staff"], aliceGroups.Items("Groups").Select(g => g.Str("GroupName")));
        Assert.Equal(AdminRole, aliceGroups.Items("Groups")[0].Str("RoleArn"));
        var staff = (await Cli.CognitoIdpAsync(ct, "list-users-in-group", "--user-pool-id", poolId, "--group-name", "staff")).Ok();
        Assert.Equal(["alice", "bob"], staff.Items("Users").Select(u => u.Str("Username")));
        Assert.Equal("CONFIRMED", staff.Items("Users")[0].Str("UserStatus"));
        (await Cli.CognitoIdpAsync(ct, "list-users-in-group", "--user-pool-id", poolId, "--group-name", "nobody"))
            .AssertError("ResourceNotFoundException", "ListUsersInGroup", "Group not found.");
        (await Cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", poolId, "--username", "carol"))
            .AssertError("UserNotFoundException", "AdminListGroupsForUser", "User does not exist.");

        // Groups by precedence (null last); roles of all groups; the preferred role is the lowest precedence's.
        var tokens = await SignInAsync(poolId, clientId, "alice", ct);
        var id = JwtPayload.Decode(tokens.Str("IdToken"));
        Assert.Equal(["admins", "staff", "readers"], id.Strings("cognito:groups"));
        Assert.Equal([AdminRole, StaffRole], id.Strings("cognito:roles"));
        Assert.Equal(AdminRole, id.Str("cognito:preferred_role"));
        Assert.Equal(["sub", "cognito:groups", "cognito:preferred_role", "cognito:roles"], id.Names().Take(4));
        var access = JwtPayload.Decode(tokens.Str("AccessToken"));
        Assert.Equal(["admins", "staff", "readers"], access.Strings("cognito:groups"));
        access.AssertMissing("cognito:roles");
        access.AssertMissing("cognito:preferred_role");

        // Removing a membership (twice is fine) changes the next tokens, refreshed ones included.
        (await Cli.CognitoIdpAsync(ct, "admin-remove-user-from-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", "admins")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "admin-remove-user-from-group", "--user-pool-id", poolId, "--username", "alice", "--group-name", "admins")).OkEmpty();
        var refreshed = (await Cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "REFRESH_TOKEN_AUTH", "--auth-parameters", "REFRESH_TOKEN=" + tokens.Str("RefreshToken"))).Ok().Prop("AuthenticationResult");
        var refreshedId = JwtPayload.Decode(refreshed.Str("IdToken"));
        Assert.Equal(["staff", "readers"], refreshedId.Strings("cognito:groups"));
        Assert.Equal(StaffRole, refreshedId.Str("cognito:preferred_role"));

        // A deleted user's memberships go with it: re-created, alice is in no group.
        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", poolId, "--username", "alice")).OkEmpty();
        Assert.Equal(["bob"], (await Cli.CognitoIdpAsync(ct, "list-users-in-group", "--user-pool-id", poolId, "--group-name", "staff"))
            .Ok().Items("Users").Select(u => u.Str("Username")));
        await CreateUserAsync(poolId, "alice", ct);
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", poolId, "--username", "alice")).Ok().Items("Groups"));

        // A deleted group leaves its members' tokens.
        (await Cli.CognitoIdpAsync(ct, "delete-group", "--user-pool-id", poolId, "--group-name", "staff")).OkEmpty();
        var afterDelete = await SignInAsync(poolId, clientId, "bob", ct);
        JwtPayload.Decode(afterDelete.Str("IdToken")).AssertMissing("cognito:groups");
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private async Task<string> CreatePoolAsync(CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "groups")).Ok().Prop("UserPool").Str("Id");

    private async Task CreateUserAsync(string poolId, string username, CancellationToken ct)
    {
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", username, "--message-action", "SUPPRESS")).Ok();
        (await Cli.CognitoIdpAsync(ct, "admin-set-user-password", "--user-pool-id", poolId, "--username", username,
            "--password", "Passw0rd!x", "--permanent")).OkEmpty();
    }

    private async Task<JsonElement> SignInAsync(string poolId, string clientId, string username, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME={username},PASSWORD=Passw0rd!x")).Ok().Prop("AuthenticationResult");
}
