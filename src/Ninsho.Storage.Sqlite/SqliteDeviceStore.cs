using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteDeviceStore(SqliteConnectionFactory db) : IDeviceStore
{
    private const string Columns =
        "pool_id, device_key, username_key, device_group_key, device_name, salt, verifier, remembered_status, created_at, modified_at, last_auth_at, version";

    public async Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command(
            $"INSERT INTO devices ({Columns}) VALUES ($pool, $key, $user, $group, $name, $salt, $verifier, $remembered, $created, $modified, $auth, $version) " +
            "ON CONFLICT (pool_id, device_key) DO NOTHING;"), device);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredDevice?> FindAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM devices WHERE pool_id = $pool AND device_key = $key;")
            .With("$pool", userPoolId)
            .With("$key", deviceKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Columns} FROM devices WHERE pool_id = $pool AND username_key = $user" +
            (afterKey is null ? "" : " AND device_key > $after") + " ORDER BY device_key LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$user", usernameKey)
            .With("$after", afterKey)
            .With("$take", limit + 1);
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
        await using var write = await db.BeginWriteAsync(ct);
        using var update = Bind(write.Command(
            "UPDATE devices SET username_key = $user, device_group_key = $group, device_name = $name, salt = $salt, verifier = $verifier, " +
            "remembered_status = $remembered, created_at = $created, modified_at = $modified, last_auth_at = $auth, version = $version + 1 " +
            "WHERE pool_id = $pool AND device_key = $key AND version = $version;"), device);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command("SELECT EXISTS (SELECT 1 FROM devices WHERE pool_id = $pool AND device_key = $key);")
            .With("$pool", device.UserPoolId)
            .With("$key", device.DeviceKey);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM devices WHERE pool_id = $pool AND device_key = $key;")
            .With("$pool", userPoolId)
            .With("$key", deviceKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredDevice device) => command
        .With("$pool", device.UserPoolId)
        .With("$key", device.DeviceKey)
        .With("$user", device.UsernameKey)
        .With("$group", device.DeviceGroupKey)
        .With("$name", device.DeviceName)
        .With("$salt", device.Salt)
        .With("$verifier", device.Verifier)
        .With("$remembered", device.RememberedStatus)
        .With("$created", device.CreatedAt)
        .With("$modified", device.ModifiedAt)
        .With("$auth", device.LastAuthenticatedAt)
        .With("$version", device.Version);

    private static StoredDevice Read(SqliteDataReader reader) => new()
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
        LastAuthenticatedAt = reader.IsDBNull(10) ? null : reader.GetTimestamp(10),
        Version = reader.GetInt64(11),
    };
}
