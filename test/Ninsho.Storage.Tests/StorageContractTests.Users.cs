namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task User_create_then_find_round_trips_every_field()
    {
        var poolId = await CreatePoolAsync();
        var user = NewUser(poolId, "alice", new Dictionary<string, string>
        {
            ["email"] = "Alice@Example.com",
            ["email_verified"] = "true",
            ["custom:tier"] = "gold \"quoted\" ünïcödé 🎉",
        }) with
        {
            Username = "Alice",
            Status = "FORCE_CHANGE_PASSWORD",
            Enabled = false,
            CreatedAt = T0.AddTicks(9),
            ModifiedAt = T0.AddSeconds(1),
            PasswordHash = "pbkdf2-sha256$600000$c2FsdA$aGFzaA",
            PasswordSetAt = T0.AddSeconds(2),
            TokensValidAfter = T0.AddSeconds(3),
            FailedSignIns = 4,
            LastFailedSignInAt = T0.AddSeconds(5),
            ExtraJson = """{"mfa":{"totp":true}}""",
            Version = 7,
        };

        Assert.Equal(CreateResult.Created, await Storage.Users.CreateAsync(user, Ct));

        AssertSameUser(user with { CreatedAt = T0 }, await Storage.Users.FindAsync(poolId, "alice", Ct));
    }

    [Fact]
    public async Task User_create_then_find_keeps_absent_optional_fields_absent()
    {
        var poolId = await CreatePoolAsync();
        var user = await CreateUserAsync(poolId, "plain");

        var found = await Storage.Users.FindAsync(poolId, "plain", Ct);

        AssertSameUser(user, found);
        Assert.Null(found!.PasswordHash);
        Assert.Null(found.PasswordSetAt);
        Assert.Null(found.TokensValidAfter);
        Assert.Null(found.LastFailedSignInAt);
        Assert.Null(found.ExtraJson);
        Assert.Null(await Storage.Users.FindAsync(poolId, "missing", Ct));
        Assert.Null(await Storage.Users.FindAsync("us-east-1_missing", "plain", Ct));
    }

    [Fact]
    public async Task User_create_twice_returns_AlreadyExists_per_pool()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        var first = await CreateUserAsync(poolId, "carol");

        Assert.Equal(CreateResult.AlreadyExists, await Storage.Users.CreateAsync(NewUser(poolId, "carol"), Ct));
        Assert.Equal(CreateResult.Created, await Storage.Users.CreateAsync(NewUser(otherPool, "carol"), Ct));

        AssertSameUser(first, await Storage.Users.FindAsync(poolId, "carol", Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Username, "carol", 10, Ct));
    }

    [Fact]
    public async Task User_create_exactly_one_of_20_concurrent_creates_wins()
    {
        var poolId = await CreatePoolAsync();
        // Five storage objects on one database: like five nodes or processes racing.
        var nodes = new List<INinshoStorage> { Storage };
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await OpenAsync());
        }

        var candidates = Enumerable.Range(0, 20).Select(_ => NewUser(poolId, "race")).ToList();
        using var start = new ManualResetEventSlim();
        var tasks = candidates.Select((user, i) => Task.Run(
            async () =>
            {
                start.Wait(Ct);
                return await nodes[i % nodes.Count].Users.CreateAsync(user, Ct);
            },
            Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r == CreateResult.Created);
        Assert.Equal(19, results.Count(r => r == CreateResult.AlreadyExists));
        var winner = candidates[Array.IndexOf(results, CreateResult.Created)];
        AssertSameUser(winner, await Storage.Users.FindAsync(poolId, "race", Ct));
        Assert.Equal(1, await Storage.Users.CountAsync(poolId, Ct));
        Assert.Equal([winner.Sub], (await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Username, "race", 10, Ct)).Select(u => u.Sub));
    }

    [Fact]
    public async Task User_find_by_attribute_uses_the_indexed_values()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice", new Dictionary<string, string>
        {
            ["email"] = "Shared@Example.com",
            ["phone_number"] = "+15550100",
            ["preferred_username"] = "Ally",
        });
        var bob = await CreateUserAsync(poolId, "bob", new Dictionary<string, string> { ["email"] = "shared@example.com" });
        _ = await CreateUserAsync(poolId, "carl", new Dictionary<string, string> { ["email"] = "carl@example.com" });

        // email and preferred_username are indexed lower-cased; the caller passes normalised values.
        Assert.Equal(["alice", "bob"], (await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "shared@example.com", 10, Ct)).Select(u => u.UsernameKey));
        Assert.Equal(["alice"], (await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "shared@example.com", 1, Ct)).Select(u => u.UsernameKey));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "Shared@Example.com", 10, Ct));
        AssertSameUser(alice, Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.PreferredUsername, "ally", 10, Ct)));
        AssertSameUser(alice, Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.PhoneNumber, "+15550100", 10, Ct)));
        AssertSameUser(bob, Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Sub, bob.Sub, 10, Ct)));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(await CreatePoolAsync(), SearchableAttributes.Email, "shared@example.com", 10, Ct));
        _ = await Assert.ThrowsAsync<ArgumentException>(() => Storage.Users.FindByAttributeAsync(poolId, "custom:tier", "x", 10, Ct));
    }

    [Fact]
    public async Task User_update_checks_the_version_and_reindexes()
    {
        var poolId = await CreatePoolAsync();
        var user = await CreateUserAsync(poolId, "dave", new Dictionary<string, string> { ["email"] = "old@example.com", ["name"] = "Dave" });
        var changed = user with
        {
            Attributes = new Dictionary<string, string> { ["sub"] = user.Sub, ["email"] = "new@example.com", ["given_name"] = "David" },
            Status = "RESET_REQUIRED",
            Enabled = false,
            FailedSignIns = 2,
            ExtraJson = "{}",
            ModifiedAt = T0.AddHours(1),
        };

        Assert.Equal(UpdateResult.Updated, await Storage.Users.UpdateAsync(changed, Ct));

        AssertSameUser(changed with { Version = 1 }, await Storage.Users.FindAsync(poolId, "dave", Ct));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "old@example.com", 10, Ct));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Name, "Dave", 10, Ct));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Status, "Enabled", 10, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "new@example.com", 10, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.GivenName, "David", 10, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Status, "Disabled", 10, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.UserStatus, "RESET_REQUIRED", 10, Ct));

        // The stale writer loses; nothing it wrote is visible, in the row or in the index.
        var stale = user with { Attributes = new Dictionary<string, string> { ["sub"] = user.Sub, ["email"] = "stale@example.com" } };
        Assert.Equal(UpdateResult.VersionConflict, await Storage.Users.UpdateAsync(stale, Ct));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "stale@example.com", 10, Ct));
        Assert.Equal(1, (await Storage.Users.FindAsync(poolId, "dave", Ct))!.Version);

        Assert.Equal(UpdateResult.NotFound, await Storage.Users.UpdateAsync(NewUser(poolId, "nobody"), Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.Users.UpdateAsync(user with { UserPoolId = await CreatePoolAsync() }, Ct));
    }

    [Fact]
    public async Task User_concurrent_updates_of_one_version_let_exactly_one_win()
    {
        var poolId = await CreatePoolAsync();
        var user = await CreateUserAsync(poolId, "erin");
        var other = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(
            () => (i % 2 == 0 ? Storage : other).Users.UpdateAsync(user with { FailedSignIns = i + 1 }, Ct),
            Ct)));

        Assert.Single(results, r => r == UpdateResult.Updated);
        Assert.Equal(9, results.Count(r => r == UpdateResult.VersionConflict));
        Assert.Equal(1, (await Storage.Users.FindAsync(poolId, "erin", Ct))!.Version);
    }

    [Fact]
    public async Task User_delete_removes_search_rows_and_refresh_tokens()
    {
        var poolId = await CreatePoolAsync();
        var clientId = await CreateClientAsync(poolId);
        var user = await CreateUserAsync(poolId, "frank", new Dictionary<string, string> { ["email"] = "frank@example.com" });
        var keep = await CreateUserAsync(poolId, "grace", new Dictionary<string, string> { ["email"] = "grace@example.com" });
        var token = NewToken(poolId, clientId, user.UsernameKey);
        var keptToken = NewToken(poolId, clientId, keep.UsernameKey);
        await Storage.RefreshTokens.AddAsync(token, Ct);
        await Storage.RefreshTokens.AddAsync(keptToken, Ct);
        var searchRows = await CountAsync($"SELECT count(*) FROM user_search WHERE pool_id = '{poolId}' AND username_key = 'frank'");
        Assert.True(searchRows >= 5, $"expected a search row per non-null searchable attribute, got {searchRows}");

        Assert.True(await Storage.Users.DeleteAsync(poolId, "frank", Ct));

        Assert.Null(await Storage.Users.FindAsync(poolId, "frank", Ct));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM user_search WHERE pool_id = '{poolId}' AND username_key = 'frank'"));
        Assert.Empty(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "frank@example.com", 10, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct));
        Assert.NotNull(await Storage.RefreshTokens.FindAsync(keptToken.TokenHash, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(poolId, SearchableAttributes.Email, "grace@example.com", 10, Ct));
        Assert.False(await Storage.Users.DeleteAsync(poolId, "frank", Ct));
    }

    [Fact]
    public async Task User_count_counts_the_pool_users()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        for (var i = 0; i < 3; i++)
        {
            _ = await CreateUserAsync(poolId, $"u{i}");
        }

        _ = await CreateUserAsync(otherPool, "u0");

        Assert.Equal(3, await Storage.Users.CountAsync(poolId, Ct));
        Assert.Equal(1, await Storage.Users.CountAsync(otherPool, Ct));
        Assert.Equal(0, await Storage.Users.CountAsync("us-east-1_missing", Ct));

        // Failed creates and deletes change nothing; updates keep the count.
        Assert.Equal(CreateResult.AlreadyExists, await Storage.Users.CreateAsync(NewUser(poolId, "u0"), Ct));
        Assert.False(await Storage.Users.DeleteAsync(poolId, "nobody", Ct));
        var u1 = (await Storage.Users.FindAsync(poolId, "u1", Ct))!;
        Assert.Equal(UpdateResult.Updated, await Storage.Users.UpdateAsync(u1 with { Enabled = false }, Ct));
        Assert.Equal(3, await Storage.Users.CountAsync(poolId, Ct));
        Assert.True(await Storage.Users.DeleteAsync(poolId, "u2", Ct));
        Assert.Equal(2, await Storage.Users.CountAsync(poolId, Ct));
        Assert.Equal(1, await Storage.Users.CountAsync(otherPool, Ct));
    }
}
