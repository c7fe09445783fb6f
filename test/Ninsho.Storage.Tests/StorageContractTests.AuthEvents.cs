namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static StoredAuthEvent NewEvent(string poolId, string usernameKey, string eventId, DateTimeOffset at, string response = "Pass") => new()
    {
        UserPoolId = poolId,
        UsernameKey = usernameKey,
        EventId = eventId,
        EventType = "SignIn",
        EventResponse = response,
        CreatedAt = at,
        DetailJson = """{"EventRisk":{"RiskDecision":"NoRisk"}}""",
    };

    [Fact]
    public async Task Auth_event_add_then_find_round_trips_every_field_at_millisecond_precision()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "ann");
        var added = NewEvent(poolId, "ann", "e-1", T0.AddTicks(7), "Fail");

        Assert.True(await Storage.AuthEvents.AddAsync(added, Ct));

        Assert.Equal(added with { CreatedAt = T0 }, await Storage.AuthEvents.FindAsync(poolId, "ann", "e-1", Ct));
        Assert.Null(await Storage.AuthEvents.FindAsync(poolId, "ann", "e-2", Ct));
        Assert.Null(await Storage.AuthEvents.FindAsync(poolId, "bob", "e-1", Ct));
    }

    [Fact]
    public async Task Auth_event_add_for_a_missing_user_stores_nothing()
    {
        var poolId = await CreatePoolAsync();

        Assert.False(await Storage.AuthEvents.AddAsync(NewEvent(poolId, "ghost", "e-1", T0), Ct));
        Assert.Empty((await Storage.AuthEvents.ListAsync(poolId, "ghost", 10, null, Ct)).Items);
    }

    [Fact]
    public async Task Auth_event_list_pages_one_user_newest_first_with_ties_by_event_id()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "ann");
        _ = await CreateUserAsync(poolId, "bob");
        // e-3 and e-4 share an instant: the tie is broken by event id, descending.
        foreach (var (id, seconds) in new[] { ("e-1", 1), ("e-4", 3), ("e-2", 2), ("e-3", 3), ("e-5", 5) })
        {
            Assert.True(await Storage.AuthEvents.AddAsync(NewEvent(poolId, "ann", id, T0.AddSeconds(seconds)), Ct));
        }

        Assert.True(await Storage.AuthEvents.AddAsync(NewEvent(poolId, "bob", "e-9", T0.AddSeconds(9)), Ct));

        var seen = new List<string>();
        string? key = null;
        var pages = 0;
        do
        {
            var page = await Storage.AuthEvents.ListAsync(poolId, "ann", 2, key, Ct);
            seen.AddRange(page.Items.Select(e => e.EventId));
            key = page.NextKey;
            pages++;
        }
        while (key is not null);

        Assert.Equal(["e-5", "e-4", "e-3", "e-2", "e-1"], seen);
        Assert.Equal(3, pages);
        Assert.Equal(["e-9"], (await Storage.AuthEvents.ListAsync(poolId, "bob", 60, null, Ct)).Items.Select(e => e.EventId));
    }

    [Fact]
    public async Task Auth_event_detail_update_changes_only_that_event_and_events_go_with_their_user()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "ann");
        Assert.True(await Storage.AuthEvents.AddAsync(NewEvent(poolId, "ann", "e-1", T0), Ct));
        Assert.True(await Storage.AuthEvents.AddAsync(NewEvent(poolId, "ann", "e-2", T0), Ct));

        Assert.True(await Storage.AuthEvents.UpdateDetailAsync(poolId, "ann", "e-1", """{"feedback":"Valid"}""", Ct));
        Assert.False(await Storage.AuthEvents.UpdateDetailAsync(poolId, "ann", "e-9", "{}", Ct));

        Assert.Equal("""{"feedback":"Valid"}""", (await Storage.AuthEvents.FindAsync(poolId, "ann", "e-1", Ct))!.DetailJson);
        Assert.Equal("""{"EventRisk":{"RiskDecision":"NoRisk"}}""", (await Storage.AuthEvents.FindAsync(poolId, "ann", "e-2", Ct))!.DetailJson);

        Assert.True(await Storage.Users.DeleteAsync(poolId, "ann", Ct));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM auth_events WHERE pool_id = '{poolId}'"));
    }
}
