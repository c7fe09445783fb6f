namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    protected static StoredGroup NewGroup(string poolId, string name) => new()
    {
        UserPoolId = poolId,
        GroupName = name,
        Description = "the " + name,
        RoleArn = "arn:aws:iam::123456789012:role/" + name,
        Precedence = 3,
        CreatedAt = T0,
        ModifiedAt = T0,
    };

    protected async Task<StoredGroup> CreateGroupAsync(string poolId, string name)
    {
        var group = NewGroup(poolId, name);
        Assert.Equal(CreateResult.Created, await Storage.Groups.CreateAsync(group, Ct));
        return group;
    }

    [Fact]
    public async Task Group_create_then_find_round_trips_every_field_and_nulls()
    {
        var poolId = await CreatePoolAsync();
        var group = NewGroup(poolId, "admins") with { CreatedAt = T0.AddTicks(7), ModifiedAt = T0.AddHours(1) };
        var bare = NewGroup(poolId, "Admins") with { Description = null, RoleArn = null, Precedence = null };

        Assert.Equal(CreateResult.Created, await Storage.Groups.CreateAsync(group, Ct));
        Assert.Equal(CreateResult.Created, await Storage.Groups.CreateAsync(bare, Ct)); // names are case-sensitive

        Assert.Equal(group with { CreatedAt = T0 }, await Storage.Groups.FindAsync(poolId, "admins", Ct));
        Assert.Equal(bare, await Storage.Groups.FindAsync(poolId, "Admins", Ct));
        Assert.Null(await Storage.Groups.FindAsync(poolId, "ADMINS", Ct));
        Assert.Null(await Storage.Groups.FindAsync("us-east-1_missing", "admins", Ct));
    }

    [Fact]
    public async Task Group_create_twice_in_a_pool_returns_AlreadyExists_but_other_pools_may_reuse_the_name()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        _ = await CreateGroupAsync(poolId, "admins");

        Assert.Equal(CreateResult.AlreadyExists, await Storage.Groups.CreateAsync(NewGroup(poolId, "admins") with { Precedence = 9 }, Ct));
        Assert.Equal(3, (await Storage.Groups.FindAsync(poolId, "admins", Ct))!.Precedence);
        Assert.Equal(CreateResult.Created, await Storage.Groups.CreateAsync(NewGroup(otherPool, "admins"), Ct));
    }

    [Fact]
    public async Task Group_list_pages_the_pool_groups_in_name_order()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        foreach (var name in new[] { "g3", "g1", "g5", "g2", "g4" })
        {
            _ = await CreateGroupAsync(poolId, name);
        }

        _ = await CreateGroupAsync(otherPool, "g0");

        var first = await Storage.Groups.ListAsync(poolId, 3, null, Ct);
        var second = await Storage.Groups.ListAsync(poolId, 3, first.NextKey, Ct);

        Assert.Equal(["g1", "g2", "g3"], first.Items.Select(g => g.GroupName));
        Assert.Equal("g3", first.NextKey);
        Assert.Equal(["g4", "g5"], second.Items.Select(g => g.GroupName));
        Assert.Null(second.NextKey);
        Assert.Null((await Storage.Groups.ListAsync(poolId, 5, null, Ct)).NextKey);
        Assert.Empty((await Storage.Groups.ListAsync("us-east-1_missing", 3, null, Ct)).Items);
    }

    [Fact]
    public async Task Group_update_checks_the_version()
    {
        var poolId = await CreatePoolAsync();
        var group = await CreateGroupAsync(poolId, "admins");

        var changed = group with { Description = null, RoleArn = "arn:aws:iam::123456789012:role/x", Precedence = 0, ModifiedAt = T0.AddDays(1) };
        Assert.Equal(UpdateResult.Updated, await Storage.Groups.UpdateAsync(changed, Ct));
        Assert.Equal(changed with { Version = 1 }, await Storage.Groups.FindAsync(poolId, "admins", Ct));

        Assert.Equal(UpdateResult.VersionConflict, await Storage.Groups.UpdateAsync(group, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.Groups.UpdateAsync(NewGroup(poolId, "missing"), Ct));
    }

    [Fact]
    public async Task Group_membership_is_idempotent_and_needs_both_the_group_and_the_user()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateGroupAsync(poolId, "admins");
        var alice = await CreateUserAsync(poolId, "alice");

        Assert.True(await Storage.Groups.AddMemberAsync(poolId, "admins", alice.UsernameKey, Ct));
        Assert.True(await Storage.Groups.AddMemberAsync(poolId, "admins", alice.UsernameKey, Ct));
        Assert.False(await Storage.Groups.AddMemberAsync(poolId, "missing", alice.UsernameKey, Ct));
        Assert.False(await Storage.Groups.AddMemberAsync(poolId, "admins", "nobody", Ct));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM group_members"));

        Assert.True(await Storage.Groups.RemoveMemberAsync(poolId, "admins", alice.UsernameKey, Ct));
        Assert.False(await Storage.Groups.RemoveMemberAsync(poolId, "admins", alice.UsernameKey, Ct));
        Assert.Empty((await Storage.Groups.ListForUserAsync(poolId, alice.UsernameKey, 10, null, Ct)).Items);
    }

    [Fact]
    public async Task Group_lists_for_a_user_and_of_members_page_in_key_order()
    {
        var poolId = await CreatePoolAsync();
        foreach (var name in new[] { "b", "a", "c" })
        {
            _ = await CreateGroupAsync(poolId, name);
        }

        foreach (var key in new[] { "u3", "u1", "u2" })
        {
            _ = await CreateUserAsync(poolId, key);
            Assert.True(await Storage.Groups.AddMemberAsync(poolId, "a", key, Ct));
        }

        Assert.True(await Storage.Groups.AddMemberAsync(poolId, "c", "u1", Ct));
        Assert.True(await Storage.Groups.AddMemberAsync(poolId, "b", "u1", Ct));

        var groups1 = await Storage.Groups.ListForUserAsync(poolId, "u1", 2, null, Ct);
        var groups2 = await Storage.Groups.ListForUserAsync(poolId, "u1", 2, groups1.NextKey, Ct);
        Assert.Equal(["a", "b"], groups1.Items.Select(g => g.GroupName));
        Assert.Equal("b", groups1.NextKey);
        Assert.Equal(["c"], groups2.Items.Select(g => g.GroupName));
        Assert.Null(groups2.NextKey);
        Assert.Equal(NewGroup(poolId, "c"), groups2.Items[0]);

        var members1 = await Storage.Groups.ListMembersAsync(poolId, "a", 2, null, Ct);
        var members2 = await Storage.Groups.ListMembersAsync(poolId, "a", 2, members1.NextKey, Ct);
        Assert.Equal(["u1", "u2"], Keys(members1));
        Assert.Equal("u2", members1.NextKey);
        Assert.Equal(["u3"], Keys(members2));
        Assert.Null(members2.NextKey);
        AssertSameUser((await Storage.Users.FindAsync(poolId, "u3", Ct))!, members2.Items[0]);
        Assert.Empty((await Storage.Groups.ListMembersAsync(poolId, "b", 5, "u1", Ct)).Items);
    }

    [Fact]
    public async Task Deleting_a_group_a_user_or_the_pool_removes_memberships()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        _ = await CreateGroupAsync(poolId, "a");
        _ = await CreateGroupAsync(poolId, "b");
        _ = await CreateGroupAsync(otherPool, "a");
        foreach (var key in new[] { "u1", "u2" })
        {
            _ = await CreateUserAsync(poolId, key);
            _ = await CreateUserAsync(otherPool, key);
            Assert.True(await Storage.Groups.AddMemberAsync(poolId, "a", key, Ct));
            Assert.True(await Storage.Groups.AddMemberAsync(poolId, "b", key, Ct));
            Assert.True(await Storage.Groups.AddMemberAsync(otherPool, "a", key, Ct));
        }

        Assert.True(await Storage.Groups.DeleteAsync(poolId, "a", Ct));
        Assert.False(await Storage.Groups.DeleteAsync(poolId, "a", Ct));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM group_members"));

        Assert.True(await Storage.Users.DeleteAsync(poolId, "u1", Ct));
        Assert.Equal(["u2"], Keys(await Storage.Groups.ListMembersAsync(poolId, "b", 10, null, Ct)));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM group_members"));

        // A user re-created under the same name starts with no groups.
        _ = await CreateUserAsync(poolId, "u1");
        Assert.Empty((await Storage.Groups.ListForUserAsync(poolId, "u1", 10, null, Ct)).Items);

        Assert.True(await Storage.UserPools.DeleteAsync(poolId, Ct));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM group_members"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM user_groups"));
        Assert.Equal(["u1", "u2"], Keys(await Storage.Groups.ListMembersAsync(otherPool, "a", 10, null, Ct)));
    }

    [Fact]
    public async Task Group_count_counts_the_pools_groups_only()
    {
        var pool = await CreatePoolAsync();
        var other = await CreatePoolAsync();
        Assert.Equal(0, await Storage.Groups.CountAsync(pool, Ct));
        foreach (var name in new[] { "a", "b", "c" })
        {
            _ = await Storage.Groups.CreateAsync(new StoredGroup { UserPoolId = pool, GroupName = name, CreatedAt = T0, ModifiedAt = T0 }, Ct);
        }

        _ = await Storage.Groups.CreateAsync(new StoredGroup { UserPoolId = other, GroupName = "a", CreatedAt = T0, ModifiedAt = T0 }, Ct);
        Assert.True(await Storage.Groups.DeleteAsync(pool, "b", Ct));
        Assert.Equal(2, await Storage.Groups.CountAsync(pool, Ct));
    }
}
