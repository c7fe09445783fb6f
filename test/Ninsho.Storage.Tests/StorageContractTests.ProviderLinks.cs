namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    protected static StoredProviderLink NewLink(string poolId, string usernameKey, string provider, string value, string attribute = "Cognito_Subject") => new()
    {
        UserPoolId = poolId,
        ProviderName = provider,
        ProviderAttributeName = attribute,
        ProviderAttributeValue = value,
        UsernameKey = usernameKey,
        CreatedAt = T0.AddMinutes(5),
    };

    private static StoredUser WithIdentities(StoredUser user, string identities) => user with
    {
        Attributes = new Dictionary<string, string>(user.Attributes, StringComparer.Ordinal) { ["identities"] = identities },
        ModifiedAt = T0.AddMinutes(5),
    };

    [Fact]
    public async Task ProviderLink_link_stores_the_link_and_the_user_together_and_finds_it_by_identity()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var google = NewLink(poolId, "alice", "Google", "g-1");

        Assert.Equal(LinkChangeResult.Changed, await Storage.ProviderLinks.LinkAsync(google, WithIdentities(alice, "[google]"), Ct));

        Assert.Equal(google, await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-1", Ct));
        Assert.Null(await Storage.ProviderLinks.FindAsync(poolId, "Google", "email", "g-1", Ct));
        Assert.Null(await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "G-1", Ct));
        var stored = await Storage.Users.FindAsync(poolId, "alice", Ct);
        Assert.Equal(("[google]", 1L, T0.AddMinutes(5)), (stored!.Attributes["identities"], stored.Version, stored.ModifiedAt));
        Assert.Equal(alice.Attributes["sub"], stored.Attributes["sub"]);
    }

    [Fact]
    public async Task ProviderLink_an_identity_links_to_one_user_and_a_stale_user_changes_nothing()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var bob = await CreateUserAsync(poolId, "bob");
        Assert.Equal(LinkChangeResult.Changed, await Storage.ProviderLinks.LinkAsync(NewLink(poolId, "alice", "Google", "g-1"), WithIdentities(alice, "[a]"), Ct));

        Assert.Equal(LinkChangeResult.LinkConflict, await Storage.ProviderLinks.LinkAsync(NewLink(poolId, "bob", "Google", "g-1"), WithIdentities(bob, "[b]"), Ct));
        Assert.False((await Storage.Users.FindAsync(poolId, "bob", Ct))!.Attributes.ContainsKey("identities"));
        Assert.Equal(0L, (await Storage.Users.FindAsync(poolId, "bob", Ct))!.Version);

        // alice is at version 1 now: a write based on version 0 stores neither the link nor the attribute.
        Assert.Equal(LinkChangeResult.UserChanged, await Storage.ProviderLinks.LinkAsync(NewLink(poolId, "alice", "Facebook", "f-1"), WithIdentities(alice, "[stale]"), Ct));
        Assert.Null(await Storage.ProviderLinks.FindAsync(poolId, "Facebook", "Cognito_Subject", "f-1", Ct));
        Assert.Equal("[a]", (await Storage.Users.FindAsync(poolId, "alice", Ct))!.Attributes["identities"]);

        // The same identity in another pool is another identity.
        var otherPool = await CreatePoolAsync();
        var carol = await CreateUserAsync(otherPool, "carol");
        Assert.Equal(LinkChangeResult.Changed, await Storage.ProviderLinks.LinkAsync(NewLink(otherPool, "carol", "Google", "g-1"), WithIdentities(carol, "[c]"), Ct));
    }

    [Fact]
    public async Task ProviderLink_unlink_removes_only_the_users_own_link_with_the_attribute()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var bob = await CreateUserAsync(poolId, "bob");
        var google = NewLink(poolId, "alice", "Google", "g-1");
        var saml = NewLink(poolId, "alice", "Corp", "alice@corp.example", "email");
        _ = await Storage.ProviderLinks.LinkAsync(google, WithIdentities(alice, "[g]"), Ct);
        _ = await Storage.ProviderLinks.LinkAsync(saml, WithIdentities(alice with { Version = 1 }, "[g,c]"), Ct);
        Assert.Equal([saml, google], await Storage.ProviderLinks.ListForUserAsync(poolId, "alice", Ct));
        Assert.Empty(await Storage.ProviderLinks.ListForUserAsync(poolId, "bob", Ct));

        Assert.Equal(LinkChangeResult.LinkConflict, await Storage.ProviderLinks.UnlinkAsync(google with { UsernameKey = "bob" }, WithIdentities(bob, "[]"), Ct));
        Assert.Equal(LinkChangeResult.UserChanged, await Storage.ProviderLinks.UnlinkAsync(google, WithIdentities(alice, "[c]"), Ct));
        Assert.NotNull(await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-1", Ct));

        Assert.Equal(LinkChangeResult.Changed, await Storage.ProviderLinks.UnlinkAsync(google, WithIdentities(alice with { Version = 2 }, "[c]"), Ct));
        Assert.Null(await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-1", Ct));
        Assert.Equal([saml], await Storage.ProviderLinks.ListForUserAsync(poolId, "alice", Ct));
        var stored = await Storage.Users.FindAsync(poolId, "alice", Ct);
        Assert.Equal(("[c]", 3L), (stored!.Attributes["identities"], stored.Version));
        Assert.Equal(LinkChangeResult.LinkConflict, await Storage.ProviderLinks.UnlinkAsync(google, WithIdentities(stored, "[c]"), Ct));
    }

    [Fact]
    public async Task ProviderLink_deleting_the_user_or_the_pool_deletes_its_links()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var bob = await CreateUserAsync(poolId, "bob");
        _ = await Storage.ProviderLinks.LinkAsync(NewLink(poolId, "alice", "Google", "g-1"), WithIdentities(alice, "[a]"), Ct);
        _ = await Storage.ProviderLinks.LinkAsync(NewLink(poolId, "bob", "Google", "g-2"), WithIdentities(bob, "[b]"), Ct);

        Assert.True(await Storage.Users.DeleteAsync(poolId, "alice", Ct));
        Assert.Null(await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-1", Ct));
        Assert.NotNull(await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-2", Ct));

        Assert.True(await Storage.UserPools.DeleteAsync(poolId, Ct));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM provider_links"));
    }

    [Fact]
    public async Task ProviderLink_create_inserts_a_restored_link_once_and_leaves_the_user_alone()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        var link = NewLink(poolId, "alice", "Google", "g-1");

        Assert.Equal(CreateResult.Created, await Storage.ProviderLinks.CreateAsync(link, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.ProviderLinks.CreateAsync(link with { UsernameKey = "bob" }, Ct));
        Assert.Equal(link, await Storage.ProviderLinks.FindAsync(poolId, "Google", "Cognito_Subject", "g-1", Ct));
        Assert.Equal(0L, (await Storage.Users.FindAsync(poolId, "alice", Ct))!.Version);
    }
}
