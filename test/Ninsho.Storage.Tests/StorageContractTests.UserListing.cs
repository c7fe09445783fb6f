namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task List_without_filter_pages_by_username_key()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        string[] keys = ["mike", "Zed", "alice", "bob", "émile", "a", "ab"];
        foreach (var key in keys)
        {
            _ = await CreateUserAsync(poolId, key);
        }

        _ = await CreateUserAsync(otherPool, "aaa");

        var expected = keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await ListAllKeysAsync(poolId, null, 3));
        Assert.Equal(expected, await ListAllKeysAsync(poolId, null, 1));
        Assert.Equal(expected, await ListAllKeysAsync(poolId, null, 7));
        Assert.Equal(expected, await ListAllKeysAsync(poolId, null, 100));

        var first = await Storage.Users.ListAsync(poolId, null, 3, null, Ct);
        Assert.Equal(["Zed", "a", "ab"], Keys(first));
        Assert.Equal("ab", first.NextKey);
        var afterMiddle = await Storage.Users.ListAsync(poolId, null, 2, "alz", Ct);
        Assert.Equal(["bob", "mike"], Keys(afterMiddle));
    }

    [Fact]
    public async Task List_of_an_exact_number_of_pages_has_no_empty_last_page()
    {
        var poolId = await CreatePoolAsync();
        for (var i = 0; i < 6; i++)
        {
            _ = await CreateUserAsync(poolId, $"user{i}", new Dictionary<string, string> { ["family_name"] = "Smith" });
        }

        var second = await Storage.Users.ListAsync(poolId, null, 3, "user2", Ct);
        Assert.Equal(["user3", "user4", "user5"], Keys(second));
        Assert.Null(second.NextKey);

        var filter = new UserFilter(SearchableAttributes.FamilyName, "Smith", Prefix: false);
        var filtered = await Storage.Users.ListAsync(poolId, filter, 3, "user2", Ct);
        Assert.Equal(["user3", "user4", "user5"], Keys(filtered));
        Assert.Null(filtered.NextKey);
    }

    [Fact]
    public async Task List_of_an_empty_result_has_no_next_key()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "only", new Dictionary<string, string> { ["email"] = "only@example.com" });

        foreach (var page in new[]
        {
            await Storage.Users.ListAsync(await CreatePoolAsync(), null, 10, null, Ct),
            await Storage.Users.ListAsync(poolId, null, 10, "only", Ct),
            await Storage.Users.ListAsync(poolId, new UserFilter(SearchableAttributes.Email, "nobody@example.com", false), 10, null, Ct),
            await Storage.Users.ListAsync(poolId, new UserFilter(SearchableAttributes.Email, "x", true), 10, null, Ct),
            await Storage.Users.ListAsync(poolId, new UserFilter(SearchableAttributes.Email, "o", true), 10, "only", Ct),
        })
        {
            Assert.Empty(page.Items);
            Assert.Null(page.NextKey);
        }
    }

    [Fact]
    public async Task List_with_equality_filters_on_each_searchable_attribute()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        var users = new List<StoredUser>();
        for (var i = 0; i < 12; i++)
        {
            var user = NewUser(poolId, $"user{i:D2}", new Dictionary<string, string>
            {
                ["email"] = $"Team{i % 3}@Example.com",
                ["phone_number"] = $"+1555000{i % 2}",
                ["name"] = i < 4 ? "Pat" : "Sam",
                ["given_name"] = $"G{i % 4}",
                ["family_name"] = "Doe",
                ["preferred_username"] = $"Pref{i}",
            }) with
            {
                Status = i % 5 == 0 ? "UNCONFIRMED" : "CONFIRMED",
                Enabled = i != 7,
            };
            Assert.Equal(CreateResult.Created, await Storage.Users.CreateAsync(user, Ct));
            users.Add(user);
        }

        _ = await CreateUserAsync(otherPool, "user00", new Dictionary<string, string> { ["email"] = "team0@example.com", ["family_name"] = "Doe" });

        async Task Check(string attribute, string value, Func<StoredUser, bool> expected)
        {
            var want = users.Where(expected).Select(u => u.UsernameKey).ToList();
            Assert.NotEmpty(want);
            foreach (var limit in new[] { 1, 2, 5, 100 })
            {
                Assert.Equal(want, await ListAllKeysAsync(poolId, new UserFilter(attribute, value, Prefix: false), limit));
            }
        }

        await Check(SearchableAttributes.Email, "team0@example.com", u => u.Attributes["email"] == "Team0@Example.com");
        await Check(SearchableAttributes.PhoneNumber, "+15550001", u => u.Attributes["phone_number"] == "+15550001");
        await Check(SearchableAttributes.Name, "Pat", u => u.Attributes["name"] == "Pat");
        await Check(SearchableAttributes.GivenName, "G3", u => u.Attributes["given_name"] == "G3");
        await Check(SearchableAttributes.FamilyName, "Doe", _ => true);
        await Check(SearchableAttributes.PreferredUsername, "pref11", u => u.UsernameKey == "user11");
        await Check(SearchableAttributes.Username, "user05", u => u.UsernameKey == "user05");
        await Check(SearchableAttributes.Sub, users[3].Sub, u => u.UsernameKey == "user03");
        await Check(SearchableAttributes.UserStatus, "UNCONFIRMED", u => u.Status == "UNCONFIRMED");
        await Check(SearchableAttributes.Status, "Disabled", u => !u.Enabled);
        await Check(SearchableAttributes.Status, "Enabled", u => u.Enabled);

        Assert.Empty((await Storage.Users.ListAsync(poolId, new UserFilter(SearchableAttributes.Name, "pat", false), 10, null, Ct)).Items);
    }

    [Fact]
    public async Task List_with_prefix_filters_matches_starts_with_in_username_key_order()
    {
        var poolId = await CreatePoolAsync();
        // Values sort in the opposite order of the username keys, so the result must be re-ordered by key.
        var emails = new Dictionary<string, string>
        {
            ["k01"] = "zed@example.com",
            ["k02"] = "abz@example.com",
            ["k03"] = "ab@example.com",
            ["k04"] = "ab",
            ["k05"] = "aa@example.com",
            ["k06"] = "ac@example.com",
            ["k07"] = "ab\U0010FFFF@example.com",
            ["k08"] = "a",
            ["k09"] = "abc@example.com",
            ["k10"] = "éclair@example.com",
            ["k11"] = "ébène@example.com",
            ["k12"] = "e@example.com",
        };
        foreach (var (key, email) in emails)
        {
            _ = await CreateUserAsync(poolId, key, new Dictionary<string, string> { ["email"] = email, ["given_name"] = email.ToUpperInvariant() });
        }

        async Task Check(string attribute, string prefix, params string[] want)
        {
            foreach (var limit in new[] { 1, 2, 3, 100 })
            {
                Assert.Equal(want, await ListAllKeysAsync(poolId, new UserFilter(attribute, prefix, Prefix: true), limit));
            }
        }

        await Check(SearchableAttributes.Email, "ab", "k02", "k03", "k04", "k07", "k09");
        await Check(SearchableAttributes.Email, "a", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09");
        await Check(SearchableAttributes.Email, "abc@example.com", "k09");
        await Check(SearchableAttributes.Email, "é", "k10", "k11");
        await Check(SearchableAttributes.Email, "éc", "k10");
        await Check(SearchableAttributes.Email, "e", "k12");
        await Check(SearchableAttributes.Email, "z", "k01");
        await Check(SearchableAttributes.Email, "", [.. emails.Keys]);
        await Check(SearchableAttributes.GivenName, "AB", "k02", "k03", "k04", "k07", "k09");
        await Check(SearchableAttributes.GivenName, "ab");
        await Check(SearchableAttributes.Username, "k0", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09");
        await Check(SearchableAttributes.Username, "k1", "k10", "k11", "k12");
        await Check(SearchableAttributes.UserStatus, "CONF", [.. emails.Keys]);
        await Check(SearchableAttributes.Status, "Dis");
    }

    [Fact]
    public async Task List_rejects_a_filter_on_an_unsearchable_attribute()
    {
        var poolId = await CreatePoolAsync();

        _ = await Assert.ThrowsAsync<ArgumentException>(() =>
            Storage.Users.ListAsync(poolId, new UserFilter("custom:tier", "gold", false), 10, null, Ct));
        _ = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.Users.ListAsync(poolId, null, 0, null, Ct));
    }

    [Fact]
    public async Task List_follows_updates_and_deletes()
    {
        var poolId = await CreatePoolAsync();
        var users = new List<StoredUser>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await CreateUserAsync(poolId, $"u{i}", new Dictionary<string, string> { ["name"] = "Before" }));
        }

        var moved = users[1] with { Attributes = new Dictionary<string, string>(users[1].Attributes) { ["name"] = "After" } };
        Assert.Equal(UpdateResult.Updated, await Storage.Users.UpdateAsync(moved, Ct));
        Assert.True(await Storage.Users.DeleteAsync(poolId, "u3", Ct));

        Assert.Equal(["u0", "u2", "u4"], await ListAllKeysAsync(poolId, new UserFilter(SearchableAttributes.Name, "Before", false), 2));
        Assert.Equal(["u1"], await ListAllKeysAsync(poolId, new UserFilter(SearchableAttributes.Name, "Aft", true), 2));
        Assert.Equal(["u0", "u1", "u2", "u4"], await ListAllKeysAsync(poolId, null, 2));
    }
}
