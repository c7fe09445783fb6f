using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlDeviceStore(PostgreSqlCommands db) : IDeviceStore
{
    private const string Columns =
        "pool_id, device_key, username_key, device_group_key, device_name, salt, verifier, remembered_status, created_at, modified_at, last_auth_at, version";

    public async Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO devices ({Columns}) VALUES (@pool, @key, @user, @group, @name, @salt, @verifier, @remembered, @created, @modified, @auth, @version) " +
            "ON CONFLICT (pool_id, device_key) DO NOTHING;"), device);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredDevice?> FindAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM devices WHERE pool_id = @pool AND device_key = @key;")
            .With("pool", userPoolId)
            .With("key", deviceKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM devices WHERE pool_id = @pool AND username_key = @user" +
            (afterKey is null ? "" : " AND device_key > @after") + " ORDER BY device_key LIMIT @take;")
            .With("pool", userPoolId)
            .With("user", usernameKey)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var devices = new List<StoredDevice>();
        while (await reader.ReadAsync(ct))
        {
            devices.Add(Read(reader));
        }

        return KeysetPage.From(devices, limit, static d => d.DeviceKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var update = Bind(db.CreateCommand(
            "WITH updated AS (UPDATE devices SET username_key = @user, device_group_key = @group, device_name = @name, salt = @salt, " +
            "verifier = @verifier, remembered_status = @remembered, created_at = @created, modified_at = @modified, last_auth_at = @auth, " +
            "version = @version + 1 WHERE pool_id = @pool AND device_key = @key AND version = @version RETURNING 1) " +
            "SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM devices WHERE pool_id = @pool AND device_key = @key);"), device);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM devices WHERE pool_id = @pool AND device_key = @key;")
            .With("pool", userPoolId)
            .With("key", deviceKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredDevice device) => command
        .With("pool", device.UserPoolId)
        .With("key", device.DeviceKey)
        .With("user", device.UsernameKey)
        .With("group", device.DeviceGroupKey)
        .WithText("name", device.DeviceName)
        .WithText("salt", device.Salt)
        .WithText("verifier", device.Verifier)
        .WithText("remembered", device.RememberedStatus)
        .WithTime("created", device.CreatedAt)
        .WithTime("modified", device.ModifiedAt)
        .WithTime("auth", device.LastAuthenticatedAt)
        .With("version", device.Version);

    private static StoredDevice Read(NpgsqlDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        DeviceKey = reader.GetString(1),
        UsernameKey = reader.GetString(2),
        DeviceGroupKey = reader.GetString(3),
        DeviceName = reader.GetNullableString(4),
        Salt = reader.GetNullableString(5),
        Verifier = reader.GetNullableString(6),
        RememberedStatus = reader.GetNullableString(7),
        CreatedAt = reader.GetTimestamp(8),
        ModifiedAt = reader.GetTimestamp(9),
        LastAuthenticatedAt = reader.GetNullableTimestamp(10),
        Version = reader.GetInt64(11),
    };
}
