using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlDeviceStore(PostgreSqlCommands db) : IDeviceStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var insert = db.CreateCommand(DeviceRows.Insert);
        DeviceRows.Bind(Sql, insert, device);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredDevice?> FindAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand(DeviceRows.Find);
        DeviceRows.Key(Sql, select, userPoolId, deviceKey);
        return await Sql.ReadFirstAsync(select, DeviceRows.Read, ct);
    }

    public async Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(DeviceRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@user", usernameKey);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, DeviceRows.Read, ct), limit, static d => d.DeviceKey);
    }

    public async Task<UpdateResult> UpdateAsync(StoredDevice device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var update = db.CreateCommand(
            $"WITH updated AS ({DeviceRows.Update} RETURNING 1) SELECT (SELECT count(*) FROM updated), {DeviceRows.Exists};");
        DeviceRows.Bind(Sql, update, device);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(DeviceRows.Delete);
        DeviceRows.Key(Sql, delete, userPoolId, deviceKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }
}
