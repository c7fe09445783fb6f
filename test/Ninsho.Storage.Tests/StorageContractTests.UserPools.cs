namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Pool_create_then_find_round_trips_every_field()
    {
        var pool = NewPool() with
        {
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(9999),
            ModifiedAt = T0.AddTicks(1),
        };

        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, [], Ct));
        var found = await Storage.UserPools.FindAsync(pool.Id, Ct);

        // Timestamps keep whole milliseconds, as the same instant (the offset is not kept).
        Assert.Equal(pool with { CreatedAt = new DateTimeOffset(2026, 1, 2, 1, 4, 5, 678, TimeSpan.Zero), ModifiedAt = T0 }, found);
        Assert.Equal(TimeSpan.Zero, found!.CreatedAt.Offset);
    }

    [Fact]
    public async Task Pool_find_returns_null_when_missing()
    {
        Assert.Null(await Storage.UserPools.FindAsync("us-east-1_missing", Ct));
    }

    [Fact]
    public async Task Pool_create_stores_signing_keys()
    {
        var pool = NewPool();
        StoredSigningKey[] keys =
        [
            new() { UserPoolId = pool.Id, KeyId = "kid-id", Use = "id", PrivateKeyPkcs8 = [1, 2, 3, 0, 255], CreatedAt = T0 },
            new() { UserPoolId = pool.Id, KeyId = "kid-access", Use = "access", PrivateKeyPkcs8 = [9, 8, 7], CreatedAt = T0.AddSeconds(1) },
        ];

        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, keys, Ct));
        var stored = await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct);

        Assert.Equal(2, stored.Count);
        Assert.All(keys.Zip(stored), pair =>
        {
            Assert.Equal(pair.First.KeyId, pair.Second.KeyId);
            Assert.Equal(pair.First.UserPoolId, pair.Second.UserPoolId);
            Assert.Equal(pair.First.Use, pair.Second.Use);
            Assert.Equal(pair.First.PrivateKeyPkcs8, pair.Second.PrivateKeyPkcs8);
            Assert.Equal(pair.First.CreatedAt, pair.Second.CreatedAt);
        });
        Assert.Empty(await Storage.UserPools.GetSigningKeysAsync("us-east-1_missing", Ct));
    }

    [Fact]
    public async Task Pool_create_with_keys_is_all_or_nothing()
    {
        var pool = NewPool();
        var key = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "same", Use = "id", PrivateKeyPkcs8 = [1], CreatedAt = T0 };

        _ = await Assert.ThrowsAnyAsync<Exception>(() => Storage.UserPools.CreateAsync(pool, [key, key with { Use = "access" }], Ct));

        Assert.Null(await Storage.UserPools.FindAsync(pool.Id, Ct));
        Assert.Empty(await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct));
    }

    [Fact]
    public async Task Pool_create_twice_returns_AlreadyExists_and_keeps_the_first()
    {
        var pool = NewPool();
        var key = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "k1", Use = "id", PrivateKeyPkcs8 = [1], CreatedAt = T0 };
        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, [key], Ct));

        var second = await Storage.UserPools.CreateAsync(pool with { Name = "other" }, [key with { KeyId = "k2" }], Ct);

        Assert.Equal(CreateResult.AlreadyExists, second);
        Assert.Equal("pool", (await Storage.UserPools.FindAsync(pool.Id, Ct))!.Name);
        Assert.Equal(["k1"], (await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct)).Select(k => k.KeyId));
    }

    [Fact]
    public async Task Pool_list_pages_in_id_order()
    {
        string[] ids = ["us-east-1_e", "us-east-1_a", "us-east-1_d", "us-east-1_B", "us-east-1_c"];
        foreach (var id in ids)
        {
            _ = await CreatePoolAsync(id);
        }

        var first = await Storage.UserPools.ListAsync(2, null, Ct);
        var second = await Storage.UserPools.ListAsync(2, first.NextKey, Ct);
        var third = await Storage.UserPools.ListAsync(2, second.NextKey, Ct);

        // Ordinal order: upper case sorts before lower case.
        Assert.Equal(["us-east-1_B", "us-east-1_a"], first.Items.Select(p => p.Id));
        Assert.Equal("us-east-1_a", first.NextKey);
        Assert.Equal(["us-east-1_c", "us-east-1_d"], second.Items.Select(p => p.Id));
        Assert.Equal(["us-east-1_e"], third.Items.Select(p => p.Id));
        Assert.Null(third.NextKey);

        var exact = await Storage.UserPools.ListAsync(5, null, Ct);
        Assert.Equal(5, exact.Items.Count);
        Assert.Null(exact.NextKey);
    }

    [Fact]
    public async Task Pool_update_checks_the_version()
    {
        var pool = NewPool();
        _ = await Storage.UserPools.CreateAsync(pool, [], Ct);

        var changed = pool with { Name = "renamed", ConfigJson = "{}", ModifiedAt = T0.AddMinutes(1) };
        Assert.Equal(UpdateResult.Updated, await Storage.UserPools.UpdateAsync(changed, Ct));
        Assert.Equal(changed with { Version = pool.Version + 1 }, await Storage.UserPools.FindAsync(pool.Id, Ct));

        // A writer that read the old version loses and changes nothing.
        Assert.Equal(UpdateResult.VersionConflict, await Storage.UserPools.UpdateAsync(pool with { Name = "stale" }, Ct));
        Assert.Equal("renamed", (await Storage.UserPools.FindAsync(pool.Id, Ct))!.Name);

        Assert.Equal(UpdateResult.Updated, await Storage.UserPools.UpdateAsync(changed with { Version = 1, Name = "again" }, Ct));
        Assert.Equal(2, (await Storage.UserPools.FindAsync(pool.Id, Ct))!.Version);

        Assert.Equal(UpdateResult.NotFound, await Storage.UserPools.UpdateAsync(NewPool(), Ct));
    }

    [Fact]
    public async Task Pool_delete_removes_everything_in_the_pool()
    {
        var pool = NewPool();
        var key = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "k1", Use = "id", PrivateKeyPkcs8 = [1], CreatedAt = T0 };
        _ = await Storage.UserPools.CreateAsync(pool, [key], Ct);
        var clientId = await CreateClientAsync(pool.Id);
        var user = await CreateUserAsync(pool.Id, "alice", new Dictionary<string, string> { ["email"] = "alice@example.com" });
        var token = NewToken(pool.Id, clientId, user.UsernameKey);
        await Storage.RefreshTokens.AddAsync(token, Ct);

        var otherPool = await CreatePoolAsync();
        var otherClient = await CreateClientAsync(otherPool);
        var otherUser = await CreateUserAsync(otherPool, "alice", new Dictionary<string, string> { ["email"] = "alice@example.com" });
        var otherToken = NewToken(otherPool, otherClient, otherUser.UsernameKey);
        await Storage.RefreshTokens.AddAsync(otherToken, Ct);

        Assert.True(await Storage.UserPools.DeleteAsync(pool.Id, Ct));

        Assert.Null(await Storage.UserPools.FindAsync(pool.Id, Ct));
        Assert.Empty(await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct));
        Assert.Null(await Storage.Clients.FindAsync(clientId, Ct));
        Assert.Null(await Storage.Users.FindAsync(pool.Id, "alice", Ct));
        Assert.Equal(0, await Storage.Users.CountAsync(pool.Id, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM user_search WHERE pool_id = '{pool.Id}'"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM signing_keys WHERE pool_id = '{pool.Id}'"));

        // The other pool is untouched.
        Assert.NotNull(await Storage.Clients.FindAsync(otherClient, Ct));
        AssertSameUser(otherUser, await Storage.Users.FindAsync(otherPool, "alice", Ct));
        Assert.NotNull(await Storage.RefreshTokens.FindAsync(otherToken.TokenHash, Ct));
        Assert.Single(await Storage.Users.FindByAttributeAsync(otherPool, SearchableAttributes.Email, "alice@example.com", 10, Ct));

        Assert.False(await Storage.UserPools.DeleteAsync(pool.Id, Ct));
    }
}
