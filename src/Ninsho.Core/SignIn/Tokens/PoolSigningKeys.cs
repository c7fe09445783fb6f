using System.Collections.Concurrent;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The signing keys of each pool, read once: a pool's keys never change after it is created.</summary>
internal sealed class PoolSigningKeys(INinshoStorage storage)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<StoredSigningKey>> _keys = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StoredSigningKey>> GetAsync(string userPoolId, CancellationToken ct)
    {
        if (_keys.TryGetValue(userPoolId, out var cached))
        {
            return cached;
        }

        var keys = await storage.UserPools.GetSigningKeysAsync(userPoolId, ct);
        if (keys.Count > 0)
        {
            _keys[userPoolId] = keys;
        }

        return keys;
    }
}
