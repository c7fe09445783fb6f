using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteDeviceStore(SqliteConnectionFactory db) : IDeviceStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(DeviceRows.Insert);
        DeviceRows.Bind(Sql, insert, device);
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
        using var select = connection.Command(DeviceRows.Find);
        DeviceRows.Key(Sql, select, userPoolId, deviceKey);
        return await Sql.ReadFirstAsync(select, DeviceRows.Read, ct);
    }

    public async Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(DeviceRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@user", usernameKey);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, DeviceRows.Read, ct), limit, static d => d.DeviceKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(DeviceRows.Update + ";");
        DeviceRows.Bind(Sql, update, device);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {DeviceRows.Exists};");
        DeviceRows.Key(Sql, exists, device.UserPoolId, device.DeviceKey);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(DeviceRows.Delete);
        DeviceRows.Key(Sql, delete, userPoolId, deviceKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }
}
