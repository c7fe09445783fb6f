namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    protected static StoredWebAuthnCredential NewPasskey(string poolId, string usernameKey, string credentialId) => new()
    {
        UserPoolId = poolId,
        UsernameKey = usernameKey,
        CredentialId = credentialId,
        PublicKey = "pQECAyYgASFYIA",
        SignCount = 3,
        RelyingPartyId = "auth.example.com",
        FriendlyName = "Passkey",
        AuthenticatorAttachment = "platform",
        Transports = ["internal", "hybrid"],
        CreatedAt = T0,
        LastUsedAt = T0.AddMinutes(1),
    };

    private static void AssertSamePasskey(StoredWebAuthnCredential expected, StoredWebAuthnCredential? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Transports = [] }, actual with { Transports = [] });
        Assert.Equal(expected.Transports, actual.Transports);
    }

    [Fact]
    public async Task Passkey_create_then_find_round_trips_every_field_and_nulls()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        var full = NewPasskey(poolId, "alice", "cred-1");
        var bare = NewPasskey(poolId, "alice", "cred-2") with { AuthenticatorAttachment = null, Transports = [], LastUsedAt = null };

        Assert.Equal(CreateResult.Created, await Storage.WebAuthnCredentials.CreateAsync(full, Ct));
        Assert.Equal(CreateResult.Created, await Storage.WebAuthnCredentials.CreateAsync(bare, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.WebAuthnCredentials.CreateAsync(full with { FriendlyName = "other" }, Ct));

        AssertSamePasskey(full, await Storage.WebAuthnCredentials.FindAsync(poolId, "cred-1", Ct));
        AssertSamePasskey(bare, await Storage.WebAuthnCredentials.FindAsync(poolId, "cred-2", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.FindAsync(poolId, "CRED-1", Ct));
    }

    [Fact]
    public async Task Passkey_list_pages_one_users_passkeys_in_id_order()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        _ = await CreateUserAsync(poolId, "bob");
        foreach (var id in new[] { "c", "a", "b" })
        {
            _ = await Storage.WebAuthnCredentials.CreateAsync(NewPasskey(poolId, "alice", id), Ct);
        }

        _ = await Storage.WebAuthnCredentials.CreateAsync(NewPasskey(poolId, "bob", "a0"), Ct);

        var first = await Storage.WebAuthnCredentials.ListAsync(poolId, "alice", 2, null, Ct);
        Assert.Equal(["a", "b"], first.Items.Select(c => c.CredentialId));
        Assert.Equal("b", first.NextKey);
        var rest = await Storage.WebAuthnCredentials.ListAsync(poolId, "alice", 2, first.NextKey, Ct);
        Assert.Equal(["c"], rest.Items.Select(c => c.CredentialId));
        Assert.Null(rest.NextKey);
    }

    [Fact]
    public async Task Passkey_delete_needs_its_owner_and_use_updates_the_counter()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        _ = await CreateUserAsync(poolId, "bob");
        _ = await Storage.WebAuthnCredentials.CreateAsync(NewPasskey(poolId, "alice", "k1"), Ct);

        Assert.True(await Storage.WebAuthnCredentials.RecordUseAsync(poolId, "k1", 9, T0.AddHours(1), Ct));
        var used = await Storage.WebAuthnCredentials.FindAsync(poolId, "k1", Ct);
        Assert.Equal((9L, T0.AddHours(1)), (used!.SignCount, used.LastUsedAt));
        Assert.False(await Storage.WebAuthnCredentials.RecordUseAsync(poolId, "missing", 9, T0, Ct));

        Assert.False(await Storage.WebAuthnCredentials.DeleteAsync(poolId, "bob", "k1", Ct));
        Assert.True(await Storage.WebAuthnCredentials.DeleteAsync(poolId, "alice", "k1", Ct));
        Assert.False(await Storage.WebAuthnCredentials.DeleteAsync(poolId, "alice", "k1", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.FindAsync(poolId, "k1", Ct));
    }

    [Fact]
    public async Task Passkey_registration_is_replaced_by_a_newer_one_and_taken_once()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        var older = new StoredWebAuthnRegistration
        {
            UserPoolId = poolId,
            UsernameKey = "alice",
            ClientId = "client-1",
            OptionsJson = """{"challenge":"one"}""",
            ExpiresAt = T0,
        };
        var newer = older with { ClientId = "client-2", OptionsJson = """{"challenge":"two"}""", ExpiresAt = T0.AddMinutes(5) };

        Assert.Null(await Storage.WebAuthnCredentials.TakeRegistrationAsync(poolId, "alice", Ct));
        await Storage.WebAuthnCredentials.SaveRegistrationAsync(older, Ct);
        await Storage.WebAuthnCredentials.SaveRegistrationAsync(newer, Ct);

        Assert.Equal(newer, await Storage.WebAuthnCredentials.TakeRegistrationAsync(poolId, "alice", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.TakeRegistrationAsync(poolId, "alice", Ct));
    }

    [Fact]
    public async Task Passkeys_and_registrations_go_with_their_user_and_pool()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        _ = await CreateUserAsync(poolId, "bob");
        _ = await Storage.WebAuthnCredentials.CreateAsync(NewPasskey(poolId, "alice", "k1"), Ct);
        _ = await Storage.WebAuthnCredentials.CreateAsync(NewPasskey(poolId, "bob", "k2"), Ct);
        var registration = new StoredWebAuthnRegistration
        {
            UserPoolId = poolId,
            UsernameKey = "alice",
            ClientId = "c",
            OptionsJson = "{}",
            ExpiresAt = T0,
        };
        await Storage.WebAuthnCredentials.SaveRegistrationAsync(registration, Ct);
        await Storage.WebAuthnCredentials.SaveRegistrationAsync(registration with { UsernameKey = "bob" }, Ct);

        Assert.True(await Storage.Users.DeleteAsync(poolId, "alice", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.FindAsync(poolId, "k1", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.TakeRegistrationAsync(poolId, "alice", Ct));

        Assert.True(await Storage.UserPools.DeleteAsync(poolId, Ct));
        Assert.Null(await Storage.WebAuthnCredentials.FindAsync(poolId, "k2", Ct));
        Assert.Null(await Storage.WebAuthnCredentials.TakeRegistrationAsync(poolId, "bob", Ct));
    }
}
