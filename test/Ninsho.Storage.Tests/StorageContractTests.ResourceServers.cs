namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    protected static StoredResourceServer NewResourceServer(string poolId, string identifier) => new()
    {
        UserPoolId = poolId,
        Identifier = identifier,
        Name = "the " + identifier,
        ScopesJson = """[{"ScopeName":"read","ScopeDescription":"Read it"}]""",
        CreatedAt = T0,
        ModifiedAt = T0,
    };

    [Fact]
    public async Task Resource_server_create_find_update_delete_round_trip()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        var server = NewResourceServer(poolId, "https://api.example.com");

        Assert.Equal(CreateResult.Created, await Storage.ResourceServers.CreateAsync(server, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.ResourceServers.CreateAsync(server with { Name = "again" }, Ct));
        Assert.Equal(CreateResult.Created, await Storage.ResourceServers.CreateAsync(NewResourceServer(otherPool, "https://api.example.com"), Ct));
        Assert.Equal(server, await Storage.ResourceServers.FindAsync(poolId, "https://api.example.com", Ct));
        Assert.Null(await Storage.ResourceServers.FindAsync(poolId, "https://API.example.com", Ct));

        var changed = server with { Name = "renamed", ScopesJson = "[]", ModifiedAt = T0.AddHours(1) };
        Assert.True(await Storage.ResourceServers.UpdateAsync(changed, Ct));
        Assert.Equal(changed, await Storage.ResourceServers.FindAsync(poolId, server.Identifier, Ct));
        Assert.False(await Storage.ResourceServers.UpdateAsync(changed with { Identifier = "missing" }, Ct));

        Assert.True(await Storage.ResourceServers.DeleteAsync(poolId, server.Identifier, Ct));
        Assert.False(await Storage.ResourceServers.DeleteAsync(poolId, server.Identifier, Ct));
        Assert.Null(await Storage.ResourceServers.FindAsync(poolId, server.Identifier, Ct));
        Assert.NotNull(await Storage.ResourceServers.FindAsync(otherPool, server.Identifier, Ct));
    }

    [Fact]
    public async Task Resource_server_list_pages_by_identifier_and_count_is_per_pool()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        foreach (var id in new[] { "c", "a", "e", "b", "d" })
        {
            Assert.Equal(CreateResult.Created, await Storage.ResourceServers.CreateAsync(NewResourceServer(poolId, id), Ct));
        }

        _ = await Storage.ResourceServers.CreateAsync(NewResourceServer(otherPool, "a0"), Ct);

        var first = await Storage.ResourceServers.ListAsync(poolId, 2, null, Ct);
        Assert.Equal(["a", "b"], first.Items.Select(s => s.Identifier));
        var second = await Storage.ResourceServers.ListAsync(poolId, 2, first.NextKey, Ct);
        Assert.Equal(["c", "d"], second.Items.Select(s => s.Identifier));
        var last = await Storage.ResourceServers.ListAsync(poolId, 2, second.NextKey, Ct);
        Assert.Equal(["e"], last.Items.Select(s => s.Identifier));
        Assert.Null(last.NextKey);
        Assert.Equal(5, await Storage.ResourceServers.CountAsync(poolId, Ct));
    }

    [Fact]
    public async Task Resource_servers_and_domains_go_with_their_pool()
    {
        var poolId = await CreatePoolAsync();
        _ = await Storage.ResourceServers.CreateAsync(NewResourceServer(poolId, "api"), Ct);
        _ = await Storage.Domains.CreateAsync(NewDomain(poolId, "gone-with-pool"), Ct);

        Assert.True(await Storage.UserPools.DeleteAsync(poolId, Ct));

        Assert.Equal(0, await Storage.ResourceServers.CountAsync(poolId, Ct));
        Assert.Null(await Storage.Domains.FindAsync("gone-with-pool", Ct));
    }

    protected static StoredUserPoolDomain NewDomain(string poolId, string domain, string? certificateArn = null) => new()
    {
        Domain = domain,
        UserPoolId = poolId,
        CertificateArn = certificateArn,
        ManagedLoginVersion = 1,
        CreatedAt = T0,
    };

    [Fact]
    public async Task Domain_is_unique_across_pools_and_a_pool_has_one_of_each_kind()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        var prefix = NewDomain(poolId, "my-app");
        var custom = NewDomain(poolId, "auth.example.com", "arn:aws:acm:us-east-1:123456789012:certificate/abc") with { ManagedLoginVersion = null };

        Assert.Equal(CreateResult.Created, await Storage.Domains.CreateAsync(prefix, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.Domains.CreateAsync(NewDomain(otherPool, "my-app"), Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.Domains.CreateAsync(NewDomain(poolId, "my-app-2"), Ct));
        Assert.Equal(CreateResult.Created, await Storage.Domains.CreateAsync(custom, Ct));

        Assert.Equal(prefix, await Storage.Domains.FindAsync("my-app", Ct));
        Assert.Equal(custom, await Storage.Domains.FindAsync("auth.example.com", Ct));
        Assert.Null(await Storage.Domains.FindAsync("my-app-2", Ct));
        Assert.Equal([prefix, custom], await Storage.Domains.ListForPoolAsync(poolId, Ct));
        Assert.Empty(await Storage.Domains.ListForPoolAsync(otherPool, Ct));
    }

    [Fact]
    public async Task Domain_update_and_delete_only_through_its_own_pool()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        var domain = NewDomain(poolId, "my-app");
        _ = await Storage.Domains.CreateAsync(domain, Ct);

        Assert.False(await Storage.Domains.UpdateAsync(domain with { UserPoolId = otherPool, ManagedLoginVersion = 2 }, Ct));
        Assert.True(await Storage.Domains.UpdateAsync(domain with { ManagedLoginVersion = 2 }, Ct));
        Assert.Equal(2, (await Storage.Domains.FindAsync("my-app", Ct))!.ManagedLoginVersion);

        Assert.False(await Storage.Domains.DeleteAsync(otherPool, "my-app", Ct));
        Assert.True(await Storage.Domains.DeleteAsync(poolId, "my-app", Ct));
        Assert.Null(await Storage.Domains.FindAsync("my-app", Ct));
        Assert.Equal(CreateResult.Created, await Storage.Domains.CreateAsync(NewDomain(otherPool, "my-app"), Ct));
    }
}
