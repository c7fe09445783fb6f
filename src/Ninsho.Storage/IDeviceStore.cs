namespace Ninsho.Storage;

/// <summary>Tracked devices of users. Deleting a user or a pool removes their devices.</summary>
public interface IDeviceStore
{
    /// <summary>Inserts a device; <see cref="CreateResult.AlreadyExists"/> when the pool has the key.</summary>
    Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct);

    Task<StoredDevice?> FindAsync(string userPoolId, string deviceKey, CancellationToken ct);

    /// <summary>The user's devices ordered by key, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the device when the stored version equals <c>device.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdateAsync(StoredDevice device, CancellationToken ct);

    Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct);
}
