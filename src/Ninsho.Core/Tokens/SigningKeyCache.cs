using System.Collections.Concurrent;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Imports each stored signing key once (PKCS#8 parsing costs far more than a signature check) and
/// hands out the shared <see cref="SigningKeyMaterial"/>. Thread-safe and bounded: past
/// <see cref="Capacity"/> entries an arbitrary other entry is dropped. Register as a singleton.</summary>
internal sealed class SigningKeyCache
{
    public const int DefaultCapacity = 1024;

    // Keyed by pool and kid, so a key imported under the same kid into another pool can never stand in for it.
    private readonly ConcurrentDictionary<(string UserPoolId, string KeyId), SigningKeyMaterial> _entries = new();
    private int _count;

    public SigningKeyCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    public SigningKeyMaterial Get(StoredSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = (key.UserPoolId, key.KeyId);
        if (_entries.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var created = new SigningKeyMaterial(key);
        while (true)
        {
            if (_entries.TryAdd(id, created))
            {
                if (Interlocked.Increment(ref _count) > Capacity)
                {
                    EvictOtherThan(id);
                }

                return created;
            }

            if (_entries.TryGetValue(id, out cached))
            {
                // Another thread won the race; ours was never shared, so it can go now.
                created.Rsa.Dispose();
                return cached;
            }
        }
    }

    private void EvictOtherThan((string, string) keep)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key != keep && _entries.TryRemove(entry.Key, out _))
            {
                _ = Interlocked.Decrement(ref _count);
                return;
            }
        }
    }
}
