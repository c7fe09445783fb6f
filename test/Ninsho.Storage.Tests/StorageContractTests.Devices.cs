namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    protected static StoredDevice NewDevice(string poolId, string usernameKey, string deviceKey) => new()
    {
        UserPoolId = poolId,
        UsernameKey = usernameKey,
        DeviceKey = deviceKey,
        DeviceGroupKey = "-grp-" + deviceKey,
        DeviceName = "phone",
        Salt = "0f1e",
        Verifier = "00ab",
        RememberedStatus = "remembered",
        CreatedAt = T0,
        ModifiedAt = T0.AddMinutes(1),
        LastAuthenticatedAt = T0.AddMinutes(2),
    };

    [Fact]
    public async Task Device_create_then_find_round_trips_every_field_and_nulls()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        var full = NewDevice(poolId, "alice", "us-east-1_0001");
        var bare = NewDevice(poolId, "alice", "us-east-1_0002") with
        {
            DeviceName = null,
            Salt = null,
            Verifier = null,
            RememberedStatus = null,
            LastAuthenticatedAt = null,
        };

        Assert.Equal(CreateResult.Created, await Storage.Devices.CreateAsync(full, Ct));
        Assert.Equal(CreateResult.Created, await Storage.Devices.CreateAsync(bare, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.Devices.CreateAsync(full with { DeviceName = "other" }, Ct));

        Assert.Equal(full, await Storage.Devices.FindAsync(poolId, full.DeviceKey, Ct));
        Assert.Equal(bare, await Storage.Devices.FindAsync(poolId, bare.DeviceKey, Ct));
        Assert.Null(await Storage.Devices.FindAsync(poolId, "us-east-1_missing", Ct));
    }

    [Fact]
    public async Task Device_list_pages_one_users_devices_in_key_order()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        _ = await CreateUserAsync(poolId, "bob");
        foreach (var key in new[] { "r_3", "r_1", "r_5", "r_2", "r_4" })
        {
            Assert.Equal(CreateResult.Created, await Storage.Devices.CreateAsync(NewDevice(poolId, "alice", key), Ct));
        }

        Assert.Equal(CreateResult.Created, await Storage.Devices.CreateAsync(NewDevice(poolId, "bob", "r_0"), Ct));

        var first = await Storage.Devices.ListAsync(poolId, "alice", 2, null, Ct);
        Assert.Equal(["r_1", "r_2"], first.Items.Select(d => d.DeviceKey));
        var second = await Storage.Devices.ListAsync(poolId, "alice", 2, first.NextKey, Ct);
        Assert.Equal(["r_3", "r_4"], second.Items.Select(d => d.DeviceKey));
        var last = await Storage.Devices.ListAsync(poolId, "alice", 2, second.NextKey, Ct);
        Assert.Equal(["r_5"], last.Items.Select(d => d.DeviceKey));
        Assert.Null(last.NextKey);
    }

    [Fact]
    public async Task Device_update_checks_the_version_and_delete_removes_it()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        var device = NewDevice(poolId, "alice", "r_1");
        _ = await Storage.Devices.CreateAsync(device, Ct);

        Assert.Equal(UpdateResult.Updated, await Storage.Devices.UpdateAsync(device with { RememberedStatus = "not_remembered" }, Ct));
        Assert.Equal(UpdateResult.VersionConflict, await Storage.Devices.UpdateAsync(device with { DeviceName = "stale" }, Ct));
        var stored = await Storage.Devices.FindAsync(poolId, "r_1", Ct);
        Assert.Equal(("not_remembered", 1L), (stored!.RememberedStatus, stored.Version));
        Assert.Equal(UpdateResult.NotFound, await Storage.Devices.UpdateAsync(device with { DeviceKey = "r_9" }, Ct));

        Assert.True(await Storage.Devices.DeleteAsync(poolId, "r_1", Ct));
        Assert.False(await Storage.Devices.DeleteAsync(poolId, "r_1", Ct));
    }

    [Fact]
    public async Task Device_goes_with_its_user()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUserAsync(poolId, "alice");
        _ = await Storage.Devices.CreateAsync(NewDevice(poolId, "alice", "r_1"), Ct);

        Assert.True(await Storage.Users.DeleteAsync(poolId, "alice", Ct));

        Assert.Null(await Storage.Devices.FindAsync(poolId, "r_1", Ct));
    }
}
