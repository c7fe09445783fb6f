namespace Ninsho.Storage.Tests;

/// <summary>Signing-key rotation (a pool's new keys, the old ones kept until their retire time, then deleted) and
/// the deletion of a retired sealing key (docs/operations.md#key-rotation).</summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Signing_key_rotation_adds_the_new_keys_and_marks_the_others_to_retire()
    {
        var pool = NewPool();
        var old = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "old-id", Use = "id", PrivateKeyPkcs8 = [1], CreatedAt = T0 };
        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, [old, old with { KeyId = "old-access", Use = "access" }], Ct));
        var fresh = new StoredSigningKey
        {
            UserPoolId = pool.Id,
            KeyId = "new-id",
            Use = "id",
            PrivateKeyPkcs8 = [2],
            CreatedAt = T0.AddHours(1),
            ActiveAt = T0.AddHours(1).AddSeconds(30),
        };

        Assert.True(await Storage.UserPools.AddSigningKeysAsync(pool.Id, [fresh, fresh with { KeyId = "new-access", Use = "access" }], T0.AddDays(1), Ct));

        var stored = await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct);
        Assert.Equal(["old-access", "old-id", "new-access", "new-id"], stored.Select(k => k.KeyId));
        Assert.All(stored.Take(2), k => Assert.Equal((null, T0.AddDays(1)), (k.ActiveAt, k.RetireAt)));
        Assert.All(stored.Skip(2), k => Assert.Equal((T0.AddHours(1).AddSeconds(30), null), (k.ActiveAt, k.RetireAt)));

        // A second rotation keeps the earlier retire time of the oldest keys and retires the first rotation's keys.
        var third = fresh with { KeyId = "third-id", CreatedAt = T0.AddHours(2), ActiveAt = T0.AddHours(2) };
        Assert.True(await Storage.UserPools.AddSigningKeysAsync(pool.Id, [third], T0.AddDays(2), Ct));
        var after = (await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct)).ToDictionary(k => k.KeyId, k => k.RetireAt);
        Assert.Equal(T0.AddDays(1), after["old-id"]);
        Assert.Equal(T0.AddDays(2), after["new-id"]);
        Assert.Null(after["third-id"]);

        Assert.False(await Storage.UserPools.AddSigningKeysAsync("us-east-1_missing", [fresh with { UserPoolId = "us-east-1_missing" }], T0, Ct));
    }

    [Fact]
    public async Task Signing_key_retire_deletes_only_the_keys_marked_to_retire()
    {
        var pool = NewPool();
        var old = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "old", Use = "id", PrivateKeyPkcs8 = [1], CreatedAt = T0 };
        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, [old], Ct));
        Assert.True(await Storage.UserPools.AddSigningKeysAsync(pool.Id, [old with { KeyId = "new", CreatedAt = T0.AddSeconds(1) }], T0.AddDays(1), Ct));
        var other = NewPool();
        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(other, [old with { UserPoolId = other.Id }], Ct));
        Assert.True(await Storage.UserPools.AddSigningKeysAsync(other.Id, [old with { UserPoolId = other.Id, KeyId = "new" }], T0.AddDays(1), Ct));

        Assert.Equal(1, await Storage.UserPools.DeleteRetiringSigningKeysAsync(pool.Id, Ct));

        Assert.Equal(["new"], (await Storage.UserPools.GetSigningKeysAsync(pool.Id, Ct)).Select(k => k.KeyId));
        Assert.Equal(2, (await Storage.UserPools.GetSigningKeysAsync(other.Id, Ct)).Count);
        Assert.Equal(0, await Storage.UserPools.DeleteRetiringSigningKeysAsync(pool.Id, Ct));
    }

    [Fact]
    public async Task Secret_delete_removes_one_secret()
    {
        _ = await Storage.Secrets.GetOrAddAsync("seal", [1], Ct);
        _ = await Storage.Secrets.GetOrAddAsync("seal#2", [2], Ct);

        Assert.True(await Storage.Secrets.DeleteAsync("seal", Ct));
        Assert.False(await Storage.Secrets.DeleteAsync("seal", Ct));

        Assert.Equal(["seal#2"], (await Storage.Secrets.ListAsync(Ct)).Select(s => s.Key));
        Assert.Equal([5], await Storage.Secrets.GetOrAddAsync("seal", [5], Ct));
    }
}
