using System.Collections.Concurrent;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The signing keys each pool publishes and accepts: every stored key whose retire time has not passed.
/// A node rereads them every <see cref="NinshoCoreOptions.KeyRefreshInterval"/> (and at once after a rotation it
/// made itself), so a rotation on another node reaches this one within that interval
/// (docs/operations.md#key-rotation).</summary>
internal sealed class PoolSigningKeys(INinshoStorage storage, TimeProvider clock, NinshoCoreOptions options)
{
    private readonly ConcurrentDictionary<string, (IReadOnlyList<StoredSigningKey> Keys, long LoadedAt)> _keys = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StoredSigningKey>> GetAsync(string userPoolId, CancellationToken ct)
    {
        IReadOnlyList<StoredSigningKey> keys;
        if (_keys.TryGetValue(userPoolId, out var cached) && clock.GetElapsedTime(cached.LoadedAt) < options.KeyRefreshInterval)
        {
            keys = cached.Keys;
        }
        else
        {
            keys = await storage.UserPools.GetSigningKeysAsync(userPoolId, ct);
            if (keys.Count > 0)
            {
                _keys[userPoolId] = (keys, clock.GetTimestamp());
            }
        }

        var now = clock.GetUtcNow();
        foreach (var key in keys)
        {
            if (key.RetireAt <= now)
            {
                return [.. keys.Where(k => !(k.RetireAt <= now))];
            }
        }

        return keys;
    }

    /// <summary>Forgets the pool's keys, so that the next call rereads them.</summary>
    public void Forget(string userPoolId) => _keys.TryRemove(userPoolId, out _);
}
