namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Client_create_then_find_round_trips_every_field()
    {
        var poolId = await CreatePoolAsync();
        var client = NewClient(poolId) with { CreatedAt = T0.AddTicks(5), ModifiedAt = T0.AddDays(1) };

        Assert.Equal(CreateResult.Created, await Storage.Clients.CreateAsync(client, Ct));

        Assert.Equal(client with { CreatedAt = T0 }, await Storage.Clients.FindAsync(client.ClientId, Ct));
        Assert.Null(await Storage.Clients.FindAsync("missing", Ct));
    }

    [Fact]
    public async Task Client_create_twice_returns_AlreadyExists()
    {
        var poolId = await CreatePoolAsync();
        var client = NewClient(poolId);
        _ = await Storage.Clients.CreateAsync(client, Ct);

        Assert.Equal(CreateResult.AlreadyExists, await Storage.Clients.CreateAsync(client with { Name = "other" }, Ct));
        Assert.Equal("app", (await Storage.Clients.FindAsync(client.ClientId, Ct))!.Name);
    }

    [Fact]
    public async Task Client_list_pages_the_pool_clients_in_id_order()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        string[] ids = ["c3", "c1", "c5", "c2", "c4"];
        foreach (var id in ids)
        {
            _ = await CreateClientAsync(poolId, poolId + id);
        }

        _ = await CreateClientAsync(otherPool, poolId + "c0");

        var first = await Storage.Clients.ListAsync(poolId, 3, null, Ct);
        var second = await Storage.Clients.ListAsync(poolId, 3, first.NextKey, Ct);

        Assert.Equal(["c1", "c2", "c3"], first.Items.Select(c => c.ClientId[poolId.Length..]));
        Assert.Equal(poolId + "c3", first.NextKey);
        Assert.Equal(["c4", "c5"], second.Items.Select(c => c.ClientId[poolId.Length..]));
        Assert.Null(second.NextKey);
        Assert.Empty((await Storage.Clients.ListAsync("us-east-1_missing", 3, null, Ct)).Items);
    }

    [Fact]
    public async Task Client_update_checks_the_version_and_the_pool()
    {
        var poolId = await CreatePoolAsync();
        var client = NewClient(poolId);
        _ = await Storage.Clients.CreateAsync(client, Ct);

        var changed = client with { Name = "renamed", ConfigJson = """{"x":1}""" };
        Assert.Equal(UpdateResult.Updated, await Storage.Clients.UpdateAsync(changed, Ct));
        Assert.Equal(changed with { Version = 1 }, await Storage.Clients.FindAsync(client.ClientId, Ct));

        Assert.Equal(UpdateResult.VersionConflict, await Storage.Clients.UpdateAsync(client, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.Clients.UpdateAsync(changed with { Version = 1, UserPoolId = "us-east-1_other" }, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.Clients.UpdateAsync(NewClient(poolId), Ct));
        Assert.Equal("renamed", (await Storage.Clients.FindAsync(client.ClientId, Ct))!.Name);
    }

    [Fact]
    public async Task Client_delete_removes_its_refresh_tokens_only()
    {
        var poolId = await CreatePoolAsync();
        var clientId = await CreateClientAsync(poolId);
        var otherClient = await CreateClientAsync(poolId);
        var user = await CreateUserAsync(poolId, "bob");
        var token = NewToken(poolId, clientId, user.UsernameKey);
        var otherToken = NewToken(poolId, otherClient, user.UsernameKey);
        await Storage.RefreshTokens.AddAsync(token, Ct);
        await Storage.RefreshTokens.AddAsync(otherToken, Ct);

        Assert.True(await Storage.Clients.DeleteAsync(clientId, Ct));

        Assert.Null(await Storage.Clients.FindAsync(clientId, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct));
        Assert.NotNull(await Storage.RefreshTokens.FindAsync(otherToken.TokenHash, Ct));
        Assert.NotNull(await Storage.Users.FindAsync(poolId, "bob", Ct));
        Assert.False(await Storage.Clients.DeleteAsync(clientId, Ct));
    }
}
