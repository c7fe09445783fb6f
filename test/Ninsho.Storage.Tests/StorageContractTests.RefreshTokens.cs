namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    private async Task<(string PoolId, string ClientId)> CreatePoolClientAndUsersAsync(params string[] usernameKeys)
    {
        var poolId = await CreatePoolAsync();
        var clientId = await CreateClientAsync(poolId);
        foreach (var key in usernameKeys)
        {
            _ = await CreateUserAsync(poolId, key);
        }

        return (poolId, clientId);
    }

    [Fact]
    public async Task Token_add_then_find_round_trips_every_field()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var token = NewToken(poolId, clientId, "alice") with
        {
            AuthTime = T0.AddTicks(3),
            IssuedAt = T0.AddMinutes(1),
            ExpiresAt = T0.AddDays(30),
            RevokedAt = T0.AddDays(2),
            Scope = "openid email",
            RotatedUntil = T0.AddDays(1).AddSeconds(30),
        };

        await Storage.RefreshTokens.AddAsync(token, Ct);

        Assert.Equal(token with { AuthTime = T0 }, await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync("0000", Ct));
    }

    [Fact]
    public async Task Token_revoke_marks_it_once_and_revokes_its_origin()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var token = NewToken(poolId, clientId, "alice");
        var sibling = NewToken(poolId, clientId, "alice");
        await Storage.RefreshTokens.AddAsync(token, Ct);
        await Storage.RefreshTokens.AddAsync(sibling, Ct);
        Assert.False(await Storage.RefreshTokens.IsOriginRevokedAsync(token.OriginJti, Ct));

        Assert.True(await Storage.RefreshTokens.RevokeAsync(token.TokenHash, T0.AddHours(1), Ct));
        Assert.True(await Storage.RefreshTokens.RevokeAsync(token.TokenHash, T0.AddHours(2), Ct));

        Assert.Equal(T0.AddHours(1), (await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct))!.RevokedAt);
        Assert.True(await Storage.RefreshTokens.IsOriginRevokedAsync(token.OriginJti, Ct));
        Assert.False(await Storage.RefreshTokens.IsOriginRevokedAsync(sibling.OriginJti, Ct));
        Assert.Null((await Storage.RefreshTokens.FindAsync(sibling.TokenHash, Ct))!.RevokedAt);
        Assert.False(await Storage.RefreshTokens.IsOriginRevokedAsync("unknown-jti", Ct));
        Assert.False(await Storage.RefreshTokens.RevokeAsync("unknown-hash", T0, Ct));
    }

    [Fact]
    public async Task Token_revoke_all_revokes_only_the_user_live_tokens()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice", "bob");
        var otherPool = await CreatePoolAsync();
        var otherClient = await CreateClientAsync(otherPool);
        _ = await CreateUserAsync(otherPool, "alice");
        var alice1 = NewToken(poolId, clientId, "alice");
        var alice2 = NewToken(poolId, clientId, "alice");
        var aliceRevoked = NewToken(poolId, clientId, "alice") with { RevokedAt = T0 };
        var bob = NewToken(poolId, clientId, "bob");
        var aliceElsewhere = NewToken(otherPool, otherClient, "alice");
        foreach (var token in new[] { alice1, alice2, aliceRevoked, bob, aliceElsewhere })
        {
            await Storage.RefreshTokens.AddAsync(token, Ct);
        }

        Assert.Equal(2, await Storage.RefreshTokens.RevokeAllForUserAsync(poolId, "alice", T0.AddHours(1), Ct));

        Assert.Equal(T0.AddHours(1), (await Storage.RefreshTokens.FindAsync(alice1.TokenHash, Ct))!.RevokedAt);
        Assert.Equal(T0.AddHours(1), (await Storage.RefreshTokens.FindAsync(alice2.TokenHash, Ct))!.RevokedAt);
        Assert.Equal(T0, (await Storage.RefreshTokens.FindAsync(aliceRevoked.TokenHash, Ct))!.RevokedAt);
        Assert.True(await Storage.RefreshTokens.IsOriginRevokedAsync(alice2.OriginJti, Ct));
        Assert.False(await Storage.RefreshTokens.IsOriginRevokedAsync(bob.OriginJti, Ct));
        Assert.False(await Storage.RefreshTokens.IsOriginRevokedAsync(aliceElsewhere.OriginJti, Ct));
        Assert.Equal(0, await Storage.RefreshTokens.RevokeAllForUserAsync(poolId, "alice", T0.AddHours(2), Ct));
        Assert.Equal(0, await Storage.RefreshTokens.RevokeAllForUserAsync(poolId, "nobody", T0, Ct));
    }

    [Fact]
    public async Task Token_purge_deletes_only_tokens_expired_before_the_instant()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var expired = NewToken(poolId, clientId, "alice", expiresAt: T0.AddDays(-1));
        var expiredRevoked = NewToken(poolId, clientId, "alice", expiresAt: T0.AddMilliseconds(-1)) with { RevokedAt = T0.AddDays(-2) };
        var atTheInstant = NewToken(poolId, clientId, "alice", expiresAt: T0);
        var live = NewToken(poolId, clientId, "alice", expiresAt: T0.AddDays(1));
        foreach (var token in new[] { expired, expiredRevoked, atTheInstant, live })
        {
            await Storage.RefreshTokens.AddAsync(token, Ct);
        }

        Assert.Equal(2, await Storage.RefreshTokens.PurgeExpiredAsync(T0, Ct));

        Assert.Null(await Storage.RefreshTokens.FindAsync(expired.TokenHash, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(expiredRevoked.TokenHash, Ct));
        Assert.NotNull(await Storage.RefreshTokens.FindAsync(atTheInstant.TokenHash, Ct));
        Assert.NotNull(await Storage.RefreshTokens.FindAsync(live.TokenHash, Ct));
        Assert.Equal(0, await Storage.RefreshTokens.PurgeExpiredAsync(T0, Ct));
    }

    [Fact]
    public async Task Token_rotate_adds_the_replacement_and_keeps_the_old_token_until_its_deadline()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var old = NewToken(poolId, clientId, "alice");
        await Storage.RefreshTokens.AddAsync(old, Ct);
        var first = NewToken(poolId, clientId, "alice") with { OriginJti = old.OriginJti, IssuedAt = T0.AddHours(1) };
        var second = NewToken(poolId, clientId, "alice") with { OriginJti = old.OriginJti, IssuedAt = T0.AddHours(1) };

        Assert.True(await Storage.RefreshTokens.RotateAsync(old.TokenHash, first, T0.AddHours(1), T0.AddHours(1).AddSeconds(60), Ct));

        Assert.Equal(first, await Storage.RefreshTokens.FindAsync(first.TokenHash, Ct));
        Assert.Equal(old with { RotatedUntil = T0.AddHours(1).AddSeconds(60) }, await Storage.RefreshTokens.FindAsync(old.TokenHash, Ct));
        Assert.Equal(T0.AddHours(1).AddSeconds(60), (await Storage.RefreshTokens.FindWithUserAsync(old.TokenHash, Ct))!.Token.RotatedUntil);

        // A retry within the grace period rotates again but keeps the first deadline; at the deadline it is refused.
        Assert.True(await Storage.RefreshTokens.RotateAsync(old.TokenHash, second, T0.AddHours(1).AddSeconds(59), T0.AddHours(2), Ct));
        Assert.Equal(T0.AddHours(1).AddSeconds(60), (await Storage.RefreshTokens.FindAsync(old.TokenHash, Ct))!.RotatedUntil);
        var late = NewToken(poolId, clientId, "alice") with { OriginJti = old.OriginJti };
        Assert.False(await Storage.RefreshTokens.RotateAsync(old.TokenHash, late, T0.AddHours(1).AddSeconds(60), T0.AddHours(3), Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(late.TokenHash, Ct));

        // Revoked, expired and unknown tokens are not rotated.
        var revoked = NewToken(poolId, clientId, "alice") with { RevokedAt = T0 };
        var expired = NewToken(poolId, clientId, "alice", expiresAt: T0.AddHours(1));
        await Storage.RefreshTokens.AddAsync(revoked, Ct);
        await Storage.RefreshTokens.AddAsync(expired, Ct);
        Assert.False(await Storage.RefreshTokens.RotateAsync(revoked.TokenHash, late, T0.AddHours(1), T0.AddHours(1), Ct));
        Assert.False(await Storage.RefreshTokens.RotateAsync(expired.TokenHash, late, T0.AddHours(1), T0.AddHours(1), Ct));
        Assert.False(await Storage.RefreshTokens.RotateAsync("unknown-hash", late, T0.AddHours(1), T0.AddHours(1), Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(late.TokenHash, Ct));
    }

    [Fact]
    public async Task Token_revoke_revokes_every_token_of_its_family()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync("alice");
        var old = NewToken(poolId, clientId, "alice");
        var other = NewToken(poolId, clientId, "alice");
        await Storage.RefreshTokens.AddAsync(old, Ct);
        await Storage.RefreshTokens.AddAsync(other, Ct);
        var rotated = NewToken(poolId, clientId, "alice") with { OriginJti = old.OriginJti };
        Assert.True(await Storage.RefreshTokens.RotateAsync(old.TokenHash, rotated, T0, T0.AddSeconds(60), Ct));

        Assert.True(await Storage.RefreshTokens.RevokeAsync(rotated.TokenHash, T0.AddMinutes(1), Ct));

        Assert.Equal(T0.AddMinutes(1), (await Storage.RefreshTokens.FindAsync(old.TokenHash, Ct))!.RevokedAt);
        Assert.Equal(T0.AddMinutes(1), (await Storage.RefreshTokens.FindAsync(rotated.TokenHash, Ct))!.RevokedAt);
        Assert.Null((await Storage.RefreshTokens.FindAsync(other.TokenHash, Ct))!.RevokedAt);
        Assert.True(await Storage.RefreshTokens.IsOriginRevokedAsync(old.OriginJti, Ct));
        Assert.False(await Storage.RefreshTokens.RotateAsync(old.TokenHash, NewToken(poolId, clientId, "alice"), T0.AddMinutes(1), T0.AddMinutes(2), Ct));
    }

    [Fact]
    public async Task Sealed_token_state_reads_the_user_with_the_token_row_and_family_in_one_call()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var token = NewToken(poolId, clientId, "alice");

        // No row yet: the user alone, nothing revoked or rotated.
        var state = await Storage.RefreshTokens.FindUserWithStateAsync(poolId, "alice", token.TokenHash, token.OriginJti, Ct);
        AssertSameUser(alice, state.User);
        Assert.Equal((null, null, false), (state.RevokedAt, state.RotatedUntil, state.OriginRevoked));

        // No user: one row all the same.
        state = await Storage.RefreshTokens.FindUserWithStateAsync(poolId, "nobody", token.TokenHash, token.OriginJti, Ct);
        Assert.Null(state.User);

        // The token's row, once its state changed, and a revoked sibling of its family.
        Assert.True(await Storage.RefreshTokens.AddSealedAsync(token with { RotatedUntil = T0.AddMinutes(1) }, alice.Sub, Ct));
        state = await Storage.RefreshTokens.FindUserWithStateAsync(poolId, "alice", token.TokenHash, token.OriginJti, Ct);
        Assert.Equal((null, T0.AddMinutes(1), false), (state.RevokedAt, state.RotatedUntil, state.OriginRevoked));

        var sibling = NewToken(poolId, clientId, "alice") with { OriginJti = token.OriginJti };
        var stranger = NewToken(poolId, clientId, "alice");
        Assert.True(await Storage.RefreshTokens.AddSealedAsync(sibling, alice.Sub, Ct));
        Assert.True(await Storage.RefreshTokens.RevokeAsync(sibling.TokenHash, T0.AddHours(1), Ct));
        state = await Storage.RefreshTokens.FindUserWithStateAsync(poolId, "alice", token.TokenHash, token.OriginJti, Ct);
        Assert.Equal((T0.AddHours(1), true), (state.RevokedAt, state.OriginRevoked));
        state = await Storage.RefreshTokens.FindUserWithStateAsync(poolId, "alice", stranger.TokenHash, stranger.OriginJti, Ct);
        Assert.Equal((null, null, false), (state.RevokedAt, state.RotatedUntil, state.OriginRevoked));
    }

    [Fact]
    public async Task Sealed_token_row_is_added_once_inherits_its_family_revocation_and_needs_its_user_and_client()
    {
        var (poolId, clientId) = await CreatePoolClientAndUsersAsync();
        var alice = await CreateUserAsync(poolId, "alice");
        var token = NewToken(poolId, clientId, "alice");

        Assert.True(await Storage.RefreshTokens.AddSealedAsync(token, alice.Sub, Ct));
        Assert.False(await Storage.RefreshTokens.AddSealedAsync(token with { RevokedAt = T0 }, alice.Sub, Ct));
        Assert.Equal(token, await Storage.RefreshTokens.FindAsync(token.TokenHash, Ct));

        // A family revoked before this token had a row: its row is born revoked.
        Assert.True(await Storage.RefreshTokens.RevokeAsync(token.TokenHash, T0.AddHours(1), Ct));
        var sibling = NewToken(poolId, clientId, "alice") with { OriginJti = token.OriginJti };
        Assert.True(await Storage.RefreshTokens.AddSealedAsync(sibling, alice.Sub, Ct));
        Assert.Equal(T0.AddHours(1), (await Storage.RefreshTokens.FindAsync(sibling.TokenHash, Ct))!.RevokedAt);

        // Another user of the same name (another sub), no user, or no client: no row, and no error.
        var other = NewToken(poolId, clientId, "alice");
        Assert.False(await Storage.RefreshTokens.AddSealedAsync(other, Guid.NewGuid().ToString(), Ct));
        Assert.False(await Storage.RefreshTokens.AddSealedAsync(other with { UsernameKey = "nobody" }, alice.Sub, Ct));
        Assert.False(await Storage.RefreshTokens.AddSealedAsync(other with { ClientId = "no-such-client" }, alice.Sub, Ct));
        Assert.Null(await Storage.RefreshTokens.FindAsync(other.TokenHash, Ct));
    }
}
