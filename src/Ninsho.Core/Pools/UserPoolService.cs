using System.Collections.Concurrent;
using System.Text.Json;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>Reads pools for every feature: one parse per stored version, shared across requests.</summary>
internal sealed class UserPoolService(INinshoStorage storage, NinshoCoreOptions options)
{
    private const int ChangeAttempts = 5;

    private readonly ConcurrentDictionary<string, UserPoolSettings> _parsed = new(StringComparer.Ordinal);

    /// <summary>Drops this node's parsed copies (of one pool, or all): a pool deleted and created again under the same
    /// chosen id (<see cref="CustomIds"/>, a reset) starts again at version 1, which the cache would take for the old
    /// pool's.</summary>
    public void Forget(string? userPoolId)
    {
        if (userPoolId is null)
        {
            _parsed.Clear();
        }
        else
        {
            _ = _parsed.TryRemove(userPoolId, out _);
        }
    }

    /// <summary>The pool, or ResourceNotFoundException "User pool … does not exist.".</summary>
    public async Task<UserPoolSettings> GetAsync(string userPoolId, CancellationToken ct) =>
        await FindAsync(userPoolId, ct) ?? throw CognitoErrors.UserPoolNotFound(userPoolId);

    public async Task<UserPoolSettings?> FindAsync(string userPoolId, CancellationToken ct)
    {
        var stored = await storage.UserPools.FindAsync(userPoolId, ct);
        if (stored is null)
        {
            _parsed.TryRemove(userPoolId, out _);
            return null;
        }

        if (_parsed.TryGetValue(userPoolId, out var cached) && cached.Stored.Version == stored.Version)
        {
            return cached;
        }

        var settings = new UserPoolSettings(stored, Parse(stored.ConfigJson));
        _parsed[userPoolId] = settings;
        return settings;
    }

    /// <summary>The pool and one of its users by username in one storage round trip (two the first time this node
    /// sees the pool): the user row comes with the pool's current version, which says whether the parsed
    /// configuration is current, so a change made on another node is seen by the next request here. With
    /// <paramref name="originJti"/>, also whether the refresh token of that origin is revoked. Null when the pool
    /// does not exist; <see cref="PoolUser.User"/> is null when the username is not a user's key (aliases are the
    /// caller's business).</summary>
    public async Task<PoolUser?> FindWithUserAsync(string userPoolId, string username, string? originJti, string? clientId, CancellationToken ct)
    {
        // The username key depends only on the pool's case sensitivity, which is fixed when the pool is created:
        // any parsed version of the pool gives it.
        var any = _parsed.GetValueOrDefault(userPoolId) ?? await FindAsync(userPoolId, ct);
        if (any is null)
        {
            return null;
        }

        var read = await storage.Users.FindWithPoolStateAsync(userPoolId, any.UsernameKey(username), originJti, clientId, ct);
        var pool = await AtVersionAsync(userPoolId, read.PoolVersion, ct);
        return pool is null ? null : new PoolUser(pool, read.User, read.OriginRevoked) { ClientVersion = read.ClientVersion };
    }

    /// <summary>The pool whose stored version the caller has just read (with other rows, in one statement): the
    /// parsed copy when it is of that version, else the pool read again. Null when <paramref name="version"/> is
    /// null (no such pool).</summary>
    public async ValueTask<UserPoolSettings?> AtVersionAsync(string userPoolId, long? version, CancellationToken ct)
    {
        if (version is null)
        {
            _ = _parsed.TryRemove(userPoolId, out _);
            return null;
        }

        return _parsed.TryGetValue(userPoolId, out var cached) && cached.Stored.Version == version
            ? cached
            : await FindAsync(userPoolId, ct);
    }

    public static UserPoolType Parse(string json) =>
        JsonSerializer.Deserialize(json, CoreJsonContext.Default.UserPoolType) ?? new UserPoolType();

    /// <summary>The configuration as stored: everything but the members computed on read.</summary>
    public static string Serialize(UserPoolType config) => JsonSerializer.Serialize(
        config with { Id = null, Name = null, Arn = null, CreationDate = null, LastModifiedDate = null, EstimatedNumberOfUsers = null },
        CoreJsonContext.Default.UserPoolType);

    /// <summary>Stores the configuration <paramref name="change"/> makes of the current pool, retrying on concurrent
    /// writes. What is kept beside the UserPoolType members (the MFA factors) is carried over
    /// (<see cref="UserPoolSettings.ConfigJsonWith"/>), so no feature can drop it.</summary>
    public async Task ChangeConfigAsync(string userPoolId, Func<UserPoolSettings, UserPoolType> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ChangeAttempts; attempt++)
        {
            var pool = await GetAsync(userPoolId, ct);
            var updated = pool.Stored with { ConfigJson = pool.ConfigJsonWith(change(pool)) };
            switch (await storage.UserPools.UpdateAsync(updated, ct))
            {
                case UpdateResult.Updated:
                    return;
                case UpdateResult.NotFound:
                    throw CognitoErrors.UserPoolNotFound(userPoolId);
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    public string Arn(string userPoolId) =>
        $"arn:aws:cognito-idp:{RegionOf(userPoolId)}:{options.AccountId}:userpool/{userPoolId}";

    public static string RegionOf(string userPoolId) =>
        userPoolId.IndexOf('_', StringComparison.Ordinal) is var i and > 0 ? userPoolId[..i] : userPoolId;

    /// <summary>The pool as Describe/Create/Update return it.</summary>
    public async Task<UserPoolType> DescribeAsync(UserPoolSettings pool, CancellationToken ct) => pool.Config with
    {
        Id = pool.Id,
        Name = pool.Stored.Name,
        Arn = Arn(pool.Id),
        CreationDate = pool.Stored.CreatedAt,
        LastModifiedDate = pool.Stored.ModifiedAt,
        EstimatedNumberOfUsers = (int)Math.Min(int.MaxValue, await storage.Users.CountAsync(pool.Id, ct)),
    };
}
