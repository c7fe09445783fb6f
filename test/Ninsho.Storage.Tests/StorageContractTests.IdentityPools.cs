namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static int s_identitySequence;

    protected static StoredIdentityPool NewIdentityPool(string id, string name = "pool") => new()
    {
        IdentityPoolId = id,
        Name = name,
        ConfigJson = """{"AllowUnauthenticatedIdentities":true}""",
        CreatedAt = T0,
        ModifiedAt = T0,
    };

    protected static StoredIdentity NewIdentity(string poolId) => new()
    {
        IdentityId = $"us-east-1:00000000-0000-0000-0000-{Interlocked.Increment(ref s_identitySequence):D12}",
        IdentityPoolId = poolId,
        Logins = [],
        CreatedAt = T0,
        ModifiedAt = T0,
    };

    private async Task<string> CreateIdentityPoolAsync()
    {
        var id = "us-east-1:" + Guid.NewGuid().ToString("D");
        Assert.Equal(CreateResult.Created, await Storage.IdentityPools.CreatePoolAsync(NewIdentityPool(id), Ct));
        return id;
    }

    [Fact]
    public async Task Identity_pool_create_find_update_and_delete()
    {
        var id = await CreateIdentityPoolAsync();
        Assert.Equal(CreateResult.AlreadyExists, await Storage.IdentityPools.CreatePoolAsync(NewIdentityPool(id, "other"), Ct));

        var found = await Storage.IdentityPools.FindPoolAsync(id, Ct);
        Assert.Equal(NewIdentityPool(id), found);

        var changed = found! with { Name = "renamed", ConfigJson = "{}", ModifiedAt = T0.AddHours(1) };
        Assert.Equal(UpdateResult.Updated, await Storage.IdentityPools.UpdatePoolAsync(changed, Ct));
        Assert.Equal(UpdateResult.VersionConflict, await Storage.IdentityPools.UpdatePoolAsync(changed, Ct));
        Assert.Equal(changed with { Version = 1 }, await Storage.IdentityPools.FindPoolAsync(id, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.IdentityPools.UpdatePoolAsync(NewIdentityPool("us-east-1:missing"), Ct));

        Assert.True(await Storage.IdentityPools.DeletePoolAsync(id, Ct));
        Assert.False(await Storage.IdentityPools.DeletePoolAsync(id, Ct));
        Assert.Null(await Storage.IdentityPools.FindPoolAsync(id, Ct));
    }

    [Fact]
    public async Task Identity_pools_list_in_id_order_by_keyset_pages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateIdentityPoolAsync());
        }

        ids.Sort(StringComparer.Ordinal);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Storage.IdentityPools.ListPoolsAsync(2, after, Ct);
            seen.AddRange(page.Items.Select(p => p.IdentityPoolId));
            after = page.NextKey;
        }
        while (after is not null);

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_login_gets_one_identity_and_guests_get_new_ones()
    {
        var pool = await CreateIdentityPoolAsync();
        var first = await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|alice", "idp", Ct);
        var again = await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|alice", "idp", Ct);
        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.Equal(["idp"], first.Logins);

        var guest = await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), null, null, Ct);
        var otherGuest = await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), null, null, Ct);
        Assert.NotEqual(guest!.IdentityId, otherGuest!.IdentityId);
        Assert.Empty(guest.Logins);

        Assert.Null(await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity("us-east-1:missing"), "idp|alice", "idp", Ct));
        Assert.Equal(first, await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|alice", Ct));
        Assert.Null(await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|bob", Ct));
    }

    [Fact]
    public async Task Concurrent_first_logins_all_get_the_same_identity()
    {
        var pool = await CreateIdentityPoolAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|race", "idp", Ct)));

        Assert.Single(results.Select(r => r!.IdentityId).Distinct());
        Assert.Single((await Storage.IdentityPools.ListIdentitiesAsync(pool, 60, null, Ct)).Items);
    }

    [Fact]
    public async Task Linking_and_unlinking_logins()
    {
        var pool = await CreateIdentityPoolAsync();
        var guest = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), null, null, Ct))!;
        var alice = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|alice", "idp", Ct))!;

        Assert.Equal(LinkResult.Linked, await Storage.IdentityPools.LinkLoginAsync(guest.IdentityId, "idp|bob", "idp", T0.AddMinutes(1), Ct));
        Assert.Equal(LinkResult.AlreadyLinkedHere, await Storage.IdentityPools.LinkLoginAsync(guest.IdentityId, "idp|bob", "idp", T0, Ct));
        Assert.Equal(LinkResult.LinkedToAnotherIdentity, await Storage.IdentityPools.LinkLoginAsync(guest.IdentityId, "idp|alice", "idp", T0, Ct));
        Assert.Equal(LinkResult.IdentityNotFound, await Storage.IdentityPools.LinkLoginAsync("us-east-1:missing", "idp|x", "idp", T0, Ct));

        Assert.Equal([new IdentityLogin("idp|bob", "idp")], await Storage.IdentityPools.ListLoginsAsync(guest.IdentityId, Ct));
        var linked = await Storage.IdentityPools.FindIdentityAsync(guest.IdentityId, Ct);
        Assert.Equal(["idp"], linked!.Logins);
        Assert.Equal(T0.AddMinutes(1), linked.ModifiedAt);
        Assert.Equal(guest.IdentityId, (await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|bob", Ct))!.IdentityId);

        Assert.True(await Storage.IdentityPools.UnlinkProviderAsync(guest.IdentityId, "idp", T0.AddMinutes(2), Ct));
        Assert.False(await Storage.IdentityPools.UnlinkProviderAsync(guest.IdentityId, "idp", T0, Ct));
        Assert.Empty((await Storage.IdentityPools.FindIdentityAsync(guest.IdentityId, Ct))!.Logins);
        Assert.Empty(await Storage.IdentityPools.ListLoginsAsync(guest.IdentityId, Ct));
        Assert.Null(await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|bob", Ct));
        Assert.Equal(alice.IdentityId, (await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|alice", Ct))!.IdentityId);
    }

    [Fact]
    public async Task Unlinking_one_login_keeps_the_provider_while_it_has_others()
    {
        var pool = await CreateIdentityPoolAsync();
        var identity = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "dev|u1", "dev", Ct))!;
        Assert.Equal(LinkResult.Linked, await Storage.IdentityPools.LinkLoginAsync(identity.IdentityId, "dev|u2", "dev", T0, Ct));
        Assert.Equal(LinkResult.Linked, await Storage.IdentityPools.LinkLoginAsync(identity.IdentityId, "idp|alice", "idp", T0, Ct));

        Assert.True(await Storage.IdentityPools.UnlinkLoginAsync(identity.IdentityId, "dev|u1", T0.AddMinutes(1), Ct));
        Assert.False(await Storage.IdentityPools.UnlinkLoginAsync(identity.IdentityId, "dev|u1", T0, Ct));
        Assert.False(await Storage.IdentityPools.UnlinkLoginAsync("us-east-1:missing", "dev|u2", T0, Ct));
        var after = (await Storage.IdentityPools.FindIdentityAsync(identity.IdentityId, Ct))!;
        Assert.Equal(["dev", "idp"], after.Logins);
        Assert.Equal(T0.AddMinutes(1), after.ModifiedAt);
        Assert.Null(await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "dev|u1", Ct));

        Assert.True(await Storage.IdentityPools.UnlinkLoginAsync(identity.IdentityId, "dev|u2", T0, Ct));
        Assert.Equal(["idp"], (await Storage.IdentityPools.FindIdentityAsync(identity.IdentityId, Ct))!.Logins);
    }

    [Fact]
    public async Task Merging_moves_every_login_and_deletes_the_source()
    {
        var pool = await CreateIdentityPoolAsync();
        var other = await CreateIdentityPoolAsync();
        var source = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "dev|src", "dev", Ct))!;
        Assert.Equal(LinkResult.Linked, await Storage.IdentityPools.LinkLoginAsync(source.IdentityId, "idp|bob", "idp", T0, Ct));
        var destination = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "dev|dst", "dev", Ct))!;
        var elsewhere = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(other), "dev|x", "dev", Ct))!;

        Assert.False(await Storage.IdentityPools.MergeIdentitiesAsync(source.IdentityId, elsewhere.IdentityId, T0, Ct));
        Assert.False(await Storage.IdentityPools.MergeIdentitiesAsync(source.IdentityId, source.IdentityId, T0, Ct));
        Assert.False(await Storage.IdentityPools.MergeIdentitiesAsync("us-east-1:missing", destination.IdentityId, T0, Ct));
        Assert.NotNull(await Storage.IdentityPools.FindIdentityAsync(source.IdentityId, Ct));

        Assert.True(await Storage.IdentityPools.MergeIdentitiesAsync(source.IdentityId, destination.IdentityId, T0.AddMinutes(3), Ct));
        Assert.Null(await Storage.IdentityPools.FindIdentityAsync(source.IdentityId, Ct));
        var merged = (await Storage.IdentityPools.FindIdentityAsync(destination.IdentityId, Ct))!;
        Assert.Equal(["dev", "idp"], merged.Logins);
        Assert.Equal(T0.AddMinutes(3), merged.ModifiedAt);
        Assert.Equal(
            [new IdentityLogin("dev|dst", "dev"), new IdentityLogin("dev|src", "dev"), new IdentityLogin("idp|bob", "idp")],
            await Storage.IdentityPools.ListLoginsAsync(destination.IdentityId, Ct));
        Assert.Equal(destination.IdentityId, (await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|bob", Ct))!.IdentityId);
        Assert.Single((await Storage.IdentityPools.ListIdentitiesAsync(pool, 60, null, Ct)).Items);
    }

    [Fact]
    public async Task Deleting_identities_and_pools_cascades()
    {
        var pool = await CreateIdentityPoolAsync();
        var other = await CreateIdentityPoolAsync();
        var alice = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|alice", "idp", Ct))!;
        var bob = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|bob", "idp", Ct))!;
        var carol = (await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(other), "idp|carol", "idp", Ct))!;

        Assert.True(await Storage.IdentityPools.DeleteIdentityAsync(alice.IdentityId, Ct));
        Assert.False(await Storage.IdentityPools.DeleteIdentityAsync(alice.IdentityId, Ct));
        Assert.Null(await Storage.IdentityPools.FindIdentityByLoginAsync(pool, "idp|alice", Ct));
        var fresh = await Storage.IdentityPools.GetOrCreateIdentityAsync(NewIdentity(pool), "idp|alice", "idp", Ct);
        Assert.NotEqual(alice.IdentityId, fresh!.IdentityId);

        Assert.True(await Storage.IdentityPools.DeletePoolAsync(pool, Ct));
        Assert.Null(await Storage.IdentityPools.FindIdentityAsync(bob.IdentityId, Ct));
        Assert.Empty((await Storage.IdentityPools.ListIdentitiesAsync(pool, 60, null, Ct)).Items);
        Assert.Equal(carol, await Storage.IdentityPools.FindIdentityAsync(carol.IdentityId, Ct));
    }
}
