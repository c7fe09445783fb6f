using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Ninsho.Storage;

namespace Ninsho.Core.Security;

/// <summary>The cluster's rotatable sealing keys (docs/operations.md#key-rotation): <c>session-key</c> (challenge
/// sessions, SRP secret blocks, hosted-UI cookies and page state, federation state) and <c>client-secret-key</c>
/// (app-client secrets and SAML signing keys at rest) and <c>refresh-token-key</c> (sealed refresh tokens; retiring a
/// generation ends the refresh tokens sealed under it). Generation 0 is the secret a server made on first use, under
/// the plain name; generation n ≥ 1 is the secret <c>name#n</c>, whose value is its activation time (Unix ms, 8 bytes
/// big-endian) followed by the 32-byte key. Each node rereads the generations every
/// <see cref="NinshoCoreOptions.KeyRefreshInterval"/>; a rotation activates its new generation one interval later,
/// so every node can open a seal before any node makes one with it.</summary>
internal sealed class SealingKeys(INinshoStorage storage, TimeProvider clock, NinshoCoreOptions options)
{
    public const string Session = SessionSealer.SecretName;
    public const string ClientSecret = ClientSecretSealer.SecretName;
    public const string RefreshToken = "refresh-token-key";
    public const int KeyBytes = 32;

    /// <summary>The keys <c>keys rotate-sealing</c> rotates.</summary>
    public static readonly IReadOnlyList<string> Rotated = [Session, ClientSecret, RefreshToken];

    private readonly ConcurrentDictionary<string, (SealingKeySet Set, long LoadedAt)> _sets = new(StringComparer.Ordinal);
    private (SealingKeySet Set, SessionSealer Sealer)? _sessionSealer;
    private (SealingKeySet Set, SessionSealer Sealer)? _refreshTokenSealer;

    public async Task<SealingKeySet> GetAsync(string name, CancellationToken ct)
    {
        if (_sets.TryGetValue(name, out var cached) && clock.GetElapsedTime(cached.LoadedAt) < options.KeyRefreshInterval)
        {
            return cached.Set;
        }

        var set = await LoadAsync(name, ct);
        _sets[name] = (set, clock.GetTimestamp());
        return set;
    }

    /// <summary>A <see cref="SessionSealer"/> over the current generations of <c>session-key</c>.</summary>
    public async Task<SessionSealer> SessionSealerAsync()
    {
        var set = await GetAsync(Session, CancellationToken.None);
        if (_sessionSealer is { } current && ReferenceEquals(current.Set, set))
        {
            return current.Sealer;
        }

        var sealer = new SessionSealer(set, clock);
        _sessionSealer = (set, sealer);
        return sealer;
    }

    /// <summary>A <see cref="SessionSealer"/> over the current generations of <c>refresh-token-key</c>. Its first use
    /// anywhere stores generation 0 (committed before it returns), so no token is sealed under a key a restart could lose.</summary>
    public async Task<SessionSealer> RefreshTokenSealerAsync(CancellationToken ct)
    {
        var set = await GetAsync(RefreshToken, ct);
        if (_refreshTokenSealer is { } current && ReferenceEquals(current.Set, set))
        {
            return current.Sealer;
        }

        var sealer = new SessionSealer(set, clock);
        _refreshTokenSealer = (set, sealer);
        return sealer;
    }

    /// <summary>Adds a new generation of every rotated key, active one refresh interval from now. Returns the new ids
    /// by key name and the activation time.</summary>
    public async Task<(IReadOnlyDictionary<string, uint> Ids, DateTimeOffset ActiveAt)> RotateAsync(CancellationToken ct)
    {
        var activeAt = clock.GetUtcNow() + options.KeyRefreshInterval;
        var ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var name in Rotated)
        {
            var set = await LoadAsync(name, ct);
            var id = set.Keys[^1].Id + 1;
            var value = new byte[8 + KeyBytes];
            BinaryPrimitives.WriteInt64BigEndian(value, activeAt.ToUnixTimeMilliseconds());
            RandomNumberGenerator.Fill(value.AsSpan(8));

            // Two rotations at once on two nodes: the first writer's generation wins and both report it.
            _ = await storage.Secrets.GetOrAddAsync(GenerationName(name, id), value, ct);
            ids[name] = id;
            _sets.TryRemove(name, out _);
        }

        return (ids, activeAt);
    }

    /// <summary>Deletes every generation older than the primary one of each rotated key. Refuses (null) while a newer
    /// generation is not yet active: values sealed since the rotation would still use an older one.</summary>
    public async Task<IReadOnlyList<string>?> RetireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sets = new List<SealingKeySet>();
        foreach (var name in Rotated)
        {
            var set = await LoadAsync(name, ct);
            if (set.Keys[^1].ActiveAt > now)
            {
                return null;
            }

            sets.Add(set);
        }

        var deleted = new List<string>();
        foreach (var set in sets)
        {
            var primary = set.Primary(now);
            foreach (var key in set.Keys.Where(k => k.Id < primary.Id))
            {
                var secret = key.Id == 0 ? set.Name : GenerationName(set.Name, key.Id);
                if (await storage.Secrets.DeleteAsync(secret, ct))
                {
                    deleted.Add(secret);
                }
            }

            _sets.TryRemove(set.Name, out _);
        }

        return deleted;
    }

    /// <summary>Whether a generation newer than the one in use is waiting for its activation time.</summary>
    public async Task<DateTimeOffset?> PendingUntilAsync(CancellationToken ct)
    {
        DateTimeOffset? pending = null;
        foreach (var name in Rotated)
        {
            var newest = (await LoadAsync(name, ct)).Keys[^1];
            if (newest.ActiveAt > clock.GetUtcNow() && (pending is null || newest.ActiveAt > pending))
            {
                pending = newest.ActiveAt;
            }
        }

        return pending;
    }

    private static string GenerationName(string name, uint id) => name + "#" + id.ToString(CultureInfo.InvariantCulture);

    private async Task<SealingKeySet> LoadAsync(string name, CancellationToken ct)
    {
        var keys = new List<SealingKey>();
        foreach (var (secret, value) in await storage.Secrets.ListAsync(ct))
        {
            if (string.Equals(secret, name, StringComparison.Ordinal))
            {
                keys.Add(new SealingKey(0, value, DateTimeOffset.MinValue));
            }
            else if (secret.StartsWith(name + "#", StringComparison.Ordinal)
                && uint.TryParse(secret.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && value.Length == 8 + KeyBytes)
            {
                keys.Add(new SealingKey(id, value[8..], DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(value))));
            }
        }

        if (keys.Count == 0)
        {
            // First use anywhere: generation 0, as servers made it before rotation existed.
            keys.Add(new SealingKey(0, await storage.Secrets.GetOrAddAsync(name, RandomNumberGenerator.GetBytes(KeyBytes), ct), DateTimeOffset.MinValue));
        }

        return new SealingKeySet(name, keys);
    }
}
