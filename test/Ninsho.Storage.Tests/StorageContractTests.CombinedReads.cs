namespace Ninsho.Storage.Tests;

/// <summary>The one-statement reads of the hot paths (GetUser, AdminGetUser, sign-ins): each must return exactly what
/// the separate reads it replaces return, and see another node's writes at once (nothing is cached in storage).</summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public async Task User_with_pool_state_returns_the_user_the_pool_version_and_the_origin_revocation()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("bob");
        var alice = NewUser(poolId, "alice", new Dictionary<string, string> { ["email"] = "a@example.com" }) with
        {
            Username = "Alice",
            PasswordHash = "h",
            TokensValidAfter = T0.AddSeconds(3),
            ExtraJson = """{"mfa":{"totp":true}}""",
        };
        Assert.Equal(CreateResult.Created, await Storage.Users.CreateAsync(alice, Ct));
        var token = NewToken(poolId, clientId, "alice");
        await Storage.RefreshTokens.AddAsync(token, Ct);

        var read = await Storage.Users.FindWithPoolStateAsync(poolId, "alice", token.OriginJti, clientId: null, Ct);

        Assert.Equal((await Storage.UserPools.FindAsync(poolId, Ct))!.Version, read.PoolVersion);
        AssertSameUser((await Storage.Users.FindAsync(poolId, "alice", Ct))!, read.User);
        Assert.False(read.OriginRevoked);

        Assert.True(await Storage.RefreshTokens.RevokeAsync(token.TokenHash, T0.AddHours(1), Ct));
        Assert.True((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", token.OriginJti, clientId: null, Ct)).OriginRevoked);
        Assert.False((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", originJti: null, clientId: null, Ct)).OriginRevoked);
        Assert.False((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", "unknown-jti", clientId: null, Ct)).OriginRevoked);
        Assert.Equal("bob", (await Storage.Users.FindWithPoolStateAsync(poolId, "bob", null, clientId: null, Ct)).User?.UsernameKey);
    }

    [Fact]
    public async Task User_with_pool_state_gives_the_version_of_the_pools_own_client_only()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var (_, otherClient) = await CreatePoolClientAndUsersAsync("carol");
        var stored = (await Storage.Clients.FindAsync(clientId, Ct))!;

        Assert.Equal(stored.Version, (await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId, Ct)).ClientVersion);
        Assert.Equal(UpdateResult.Updated, await Storage.Clients.UpdateAsync(stored with { Name = "renamed" }, Ct));
        Assert.Equal(stored.Version + 1, (await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId, Ct)).ClientVersion);
        Assert.Null((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, otherClient, Ct)).ClientVersion);
        Assert.Null((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, "missing-client", Ct)).ClientVersion);
        Assert.Null((await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId: null, Ct)).ClientVersion);
    }

    [Fact]
    public async Task User_with_pool_state_tells_a_missing_user_from_a_missing_pool()
    {
        var poolId = await CreatePoolAsync();
        var otherPool = await CreatePoolAsync();
        _ = await CreateUserAsync(otherPool, "alice");

        var noUser = await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId: null, Ct);
        var noPool = await Storage.Users.FindWithPoolStateAsync("us-east-1_missing", "alice", null, clientId: null, Ct);

        Assert.Equal(new UserWithPoolState(0, null, false), noUser);
        Assert.Equal(new UserWithPoolState(null, null, false), noPool);
    }

    [Fact]
    public async Task User_with_pool_state_sees_another_node_writes_at_once()
    {
        var poolId = await CreatePoolAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var before = await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId: null, Ct);
        var otherNode = await OpenAsync();

        var pool = (await otherNode.UserPools.FindAsync(poolId, Ct))!;
        Assert.Equal(UpdateResult.Updated, await otherNode.UserPools.UpdateAsync(pool with { Name = "renamed" }, Ct));
        Assert.Equal(UpdateResult.Updated, await otherNode.Users.UpdateAsync(alice with { Enabled = false }, Ct));
        var after = await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId: null, Ct);

        Assert.Equal(before.PoolVersion + 1, after.PoolVersion);
        Assert.True(before.User!.Enabled);
        Assert.False(after.User!.Enabled);

        Assert.True(await otherNode.UserPools.DeleteAsync(poolId, Ct));
        Assert.Equal(new UserWithPoolState(null, null, false), await Storage.Users.FindWithPoolStateAsync(poolId, "alice", null, clientId: null, Ct));
    }

    [Fact]
    public async Task Client_with_pool_version_returns_the_client_and_its_pool_current_version()
    {
        var poolId = await CreatePoolAsync();
        var clientId = await CreateClientAsync(poolId);

        var read = await Storage.Clients.FindWithPoolVersionAsync(clientId, Ct);
        var pool = (await Storage.UserPools.FindAsync(poolId, Ct))!;
        Assert.Equal(UpdateResult.Updated, await Storage.UserPools.UpdateAsync(pool with { Name = "renamed" }, Ct));
        var afterUpdate = await Storage.Clients.FindWithPoolVersionAsync(clientId, Ct);

        Assert.NotNull(read);
        Assert.Equal(await Storage.Clients.FindAsync(clientId, Ct), read.Client);
        Assert.Equal(pool.Version, read.PoolVersion);
        Assert.Equal(pool.Version + 1, afterUpdate!.PoolVersion);
        Assert.Null(await Storage.Clients.FindWithPoolVersionAsync("unknown-client", Ct));
    }

    [Fact]
    public async Task Token_with_user_returns_the_token_and_the_user_it_was_issued_to()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice", "bob");
        var token = NewToken(poolId, clientId, "bob") with { RevokedAt = T0.AddDays(1), Scope = "openid profile" };
        await Storage.RefreshTokens.AddAsync(token, Ct);

        var read = await Storage.RefreshTokens.FindWithUserAsync(token.TokenHash, Ct);

        Assert.NotNull(read);
        Assert.Equal(await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct), read.Token);
        Assert.Equal("openid profile", read.Token.Scope);
        AssertSameUser((await Storage.Users.FindAsync(poolId, "bob", Ct))!, read.User);
        Assert.Null(await Storage.RefreshTokens.FindWithUserAsync("0000", Ct));

        Assert.True(await Storage.Users.DeleteAsync(poolId, "bob", Ct));
        Assert.Null(await Storage.RefreshTokens.FindWithUserAsync(token.TokenHash, Ct));
    }
}
