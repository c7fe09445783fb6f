namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static StoredPoolResource NewResource(string poolId, string kind, string name) => new()
    {
        UserPoolId = poolId,
        Kind = kind,
        Name = name,
        BodyJson = $$"""{"name":"{{name}}"}""",
        CreatedAt = T0,
        ModifiedAt = T0,
    };

    [Fact]
    public async Task Pool_resources_are_unique_per_pool_kind_and_name_and_round_trip()
    {
        var pool = await CreatePoolAsync();
        var other = await CreatePoolAsync();
        var google = NewResource(pool, "idp", "Google");

        Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(google, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.PoolResources.CreateAsync(google with { BodyJson = "{}" }, Ct));
        Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(NewResource(pool, "other", "Google"), Ct));
        Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(NewResource(other, "idp", "Google"), Ct));
        Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(NewResource(pool, "idp", "google"), Ct));

        Assert.Equal(google, await Storage.PoolResources.FindAsync(pool, "idp", "Google", Ct));
        Assert.Null(await Storage.PoolResources.FindAsync(pool, "idp", "GOOGLE", Ct));
        Assert.Null(await Storage.PoolResources.FindAsync(pool, "missing", "Google", Ct));
        Assert.Equal(2, await Storage.PoolResources.CountAsync(pool, "idp", Ct));
    }

    [Fact]
    public async Task Pool_resource_creation_is_won_by_exactly_one_of_concurrent_inserts()
    {
        // SRP answers are made single-use across nodes by this insert (SrpAnswers): one winner, however many race.
        var pool = await CreatePoolAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Task.Run(() => Storage.PoolResources.CreateAsync(NewResource(pool, "srp-answer", "block"), Ct), Ct)));

        Assert.Single(results, r => r == CreateResult.Created);
        Assert.Equal(11, results.Count(r => r == CreateResult.AlreadyExists));
    }

    [Fact]
    public async Task Pool_resources_list_by_name_update_by_version_and_go_with_their_pool()
    {
        var pool = await CreatePoolAsync();
        foreach (var name in new[] { "c", "a", "b" })
        {
            Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(NewResource(pool, "idp", name), Ct));
        }

        var first = await Storage.PoolResources.ListAsync(pool, "idp", 2, null, Ct);
        Assert.Equal(["a", "b"], first.Items.Select(r => r.Name));
        var second = await Storage.PoolResources.ListAsync(pool, "idp", 2, first.NextKey, Ct);
        Assert.Equal(["c"], second.Items.Select(r => r.Name));
        Assert.Null(second.NextKey);

        var a = (await Storage.PoolResources.FindAsync(pool, "idp", "a", Ct))!;
        Assert.Equal(UpdateResult.Updated, await Storage.PoolResources.UpdateAsync(a with { BodyJson = "{\"v\":2}", ModifiedAt = T0.AddHours(1) }, Ct));
        Assert.Equal(UpdateResult.VersionConflict, await Storage.PoolResources.UpdateAsync(a with { BodyJson = "{\"v\":3}" }, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.PoolResources.UpdateAsync(a with { Name = "zz" }, Ct));
        var updated = (await Storage.PoolResources.FindAsync(pool, "idp", "a", Ct))!;
        Assert.Equal(("{\"v\":2}", T0.AddHours(1), a.Version + 1), (updated.BodyJson, updated.ModifiedAt, updated.Version));

        Assert.True(await Storage.PoolResources.DeleteAsync(pool, "idp", "a", Ct));
        Assert.False(await Storage.PoolResources.DeleteAsync(pool, "idp", "a", Ct));
        Assert.True(await Storage.UserPools.DeleteAsync(pool, Ct));
        Assert.Null(await Storage.PoolResources.FindAsync(pool, "idp", "b", Ct));
        Assert.Equal(0, await Storage.PoolResources.CountAsync(pool, "idp", Ct));
    }

    [Fact]
    public async Task Pool_resources_of_a_kind_created_before_an_instant_are_deleted_in_every_pool()
    {
        var kind = "expiring-" + Guid.NewGuid().ToString("N");
        var pool = await CreatePoolAsync();
        var other = await CreatePoolAsync();
        var old = NewResource(pool, kind, "old") with { CreatedAt = T0.AddMinutes(-6) };
        var oldElsewhere = NewResource(other, kind, "old") with { CreatedAt = T0.AddMilliseconds(-1) };
        var atTheInstant = NewResource(pool, kind, "now");
        var otherKind = NewResource(pool, kind + "-kept", "old") with { CreatedAt = T0.AddDays(-1) };
        foreach (var r in new[] { old, oldElsewhere, atTheInstant, otherKind })
        {
            Assert.Equal(CreateResult.Created, await Storage.PoolResources.CreateAsync(r, Ct));
        }

        Assert.Equal(2, await Storage.PoolResources.DeleteCreatedBeforeAsync(kind, T0, Ct));

        Assert.Null(await Storage.PoolResources.FindAsync(pool, kind, "old", Ct));
        Assert.Null(await Storage.PoolResources.FindAsync(other, kind, "old", Ct));
        Assert.NotNull(await Storage.PoolResources.FindAsync(pool, kind, "now", Ct));
        Assert.NotNull(await Storage.PoolResources.FindAsync(pool, kind + "-kept", "old", Ct));
        Assert.Equal(0, await Storage.PoolResources.DeleteCreatedBeforeAsync(kind, T0, Ct));
    }

    [Fact]
    public async Task Deleting_expired_pool_resources_goes_on_past_one_batch()
    {
        var kind = "expiring-" + Guid.NewGuid().ToString("N");
        var pool = await CreatePoolAsync();
        for (var i = 0; i < 1_005; i++)
        {
            _ = await Storage.PoolResources.CreateAsync(NewResource(pool, kind, $"r{i:D4}") with { CreatedAt = T0.AddSeconds(-1) }, Ct);
        }

        Assert.Equal(1_005, await Storage.PoolResources.DeleteCreatedBeforeAsync(kind, T0, Ct));
        Assert.Equal(0, await Storage.PoolResources.CountAsync(pool, kind, Ct));
    }
}
