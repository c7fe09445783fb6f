using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Server.Quotas;

/// <summary>
/// <c>--quotas cognito</c>: counts each request of the AWS JSON API against <see cref="CognitoQuotaTable"/> and says
/// whether it is within its quota (docs/compatibility-quotas.md). One token bucket per category for the whole server
/// (Cognito's quotas are per account and Region, and a Ninsho server is one account); for the categories that also cap
/// each operation in one user pool, one more bucket per (operation, pool), the pool read from the request's
/// <c>UserPoolId</c> (or a user pool <c>ResourceArn</c>). Special rules: RespondToAuthChallenge and
/// AdminRespondToAuthChallenge draw first on their own allowance of three times UserAuthentication, then on
/// UserAuthentication; their NEW_PASSWORD_REQUIRED responses count toward UserAccountRecovery.
/// </summary>
internal sealed class RequestQuotas
{
    /// <summary>Per-pool buckets kept before full ones are swept: a client sending many pool ids cannot grow the map
    /// without bound, and a full bucket forgotten is the same as a new one.</summary>
    internal const int SweepEvery = 4096;

    private readonly TimeProvider _clock;
    private readonly FrozenDictionary<string, OperationQuota> _byTarget;
    private readonly TokenBucket _userAuthentication;
    private readonly TokenBucket _challengeResponses;
    private readonly TokenBucket _userAccountRecovery;
    private readonly ConcurrentDictionary<(string Operation, string Pool), TokenBucket> _perPool = new();
    private int _poolBucketsAdded;

    public RequestQuotas(TimeProvider clock)
    {
        _clock = clock;
        var now = clock.GetTimestamp();
        var buckets = new Dictionary<QuotaCategory, TokenBucket>();
        TokenBucket BucketOf(QuotaCategory category)
        {
            if (!buckets.TryGetValue(category, out var bucket))
            {
                buckets[category] = bucket = new TokenBucket(category.RequestsPerSecond, clock.TimestampFrequency, now);
            }

            return bucket;
        }

        IEnumerable<KeyValuePair<string, OperationQuota>> Rows(string prefix, FrozenDictionary<string, QuotaCategory?> table) =>
            from row in table
            where row.Value is not null
            select KeyValuePair.Create(prefix + "." + row.Key, new OperationQuota(
                row.Key, row.Value!, BucketOf(row.Value!), prefix == IdentityProviderOperations.TargetPrefix && row.Key is "RespondToAuthChallenge" or "AdminRespondToAuthChallenge"));

        _byTarget = Rows(IdentityProviderOperations.TargetPrefix, CognitoQuotaTable.UserPoolOperations)
            .Concat(Rows(IdentityOperations.TargetPrefix, CognitoQuotaTable.IdentityPoolOperations))
            .ToFrozenDictionary(StringComparer.Ordinal);
        _userAuthentication = BucketOf(CognitoQuotaTable.UserAuthentication);
        _userAccountRecovery = BucketOf(CognitoQuotaTable.UserAccountRecovery);
        _challengeResponses = new TokenBucket(
            CognitoQuotaTable.ChallengeResponseFactor * CognitoQuotaTable.UserAuthentication.RequestsPerSecond, clock.TimestampFrequency, now);
    }

    /// <summary>Counts the request and returns true when it is within its quotas; false when it must be answered
    /// TooManyRequestsException. <paramref name="body"/> is read only for the operations whose quota depends on it.</summary>
    public bool TryAdmit(string target, ReadOnlySpan<byte> body)
    {
        if (!_byTarget.TryGetValue(target, out var quota))
        {
            return true;
        }

        var now = _clock.GetTimestamp();
        if (quota.IsChallengeResponse)
        {
            return TopLevelString(body, "ChallengeName"u8) == CognitoQuotaTable.NewPasswordChallenge
                ? _userAccountRecovery.TryTake(now)
                : _challengeResponses.TryTake(now) || _userAuthentication.TryTake(now);
        }

        if (!quota.Category.CapsEachOperationPerPool || PoolOf(body) is not { } pool)
        {
            return quota.Bucket.TryTake(now);
        }

        var poolBucket = PoolBucket(quota, pool, now);
        if (!poolBucket.TryTake(now))
        {
            return false;
        }

        if (quota.Bucket.TryTake(now))
        {
            return true;
        }

        poolBucket.Return();
        return false;
    }

    private TokenBucket PoolBucket(OperationQuota quota, string pool, long now)
    {
        var key = (quota.Operation, pool);
        if (_perPool.TryGetValue(key, out var bucket))
        {
            return bucket;
        }

        bucket = _perPool.GetOrAdd(key, _ => new TokenBucket(CognitoQuotaTable.PerPoolOperationPerSecond, _clock.TimestampFrequency, now));
        if (Interlocked.Increment(ref _poolBucketsAdded) % SweepEvery == 0)
        {
            foreach (var (k, b) in _perPool)
            {
                if (!ReferenceEquals(b, bucket) && b.IsFull(now))
                {
                    _ = _perPool.TryRemove(k, out _);
                }
            }
        }

        return bucket;
    }

    /// <summary>The number of per-pool buckets held, for tests.</summary>
    internal int PoolBucketCount => _perPool.Count;

    /// <summary>The user pool a request names: its <c>UserPoolId</c>, or the pool of a user pool <c>ResourceArn</c>
    /// (<c>arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL</c>); null when it names none.</summary>
    private static string? PoolOf(ReadOnlySpan<byte> body)
    {
        const string ArnPool = ":userpool/";
        var pool = TopLevelString(body, "UserPoolId"u8);
        if (pool is null && TopLevelString(body, "ResourceArn"u8) is { } arn && arn.IndexOf(ArnPool, StringComparison.Ordinal) is var at and >= 0)
        {
            pool = arn[(at + ArnPool.Length)..];
        }

        // A pool id is at most 55 characters in the model; a longer value is refused by validation anyway.
        return pool is { Length: > 0 and <= 55 } ? pool : null;
    }

    /// <summary>The value of a top-level string member, or null when it is missing, not a string, or the body is not
    /// JSON (validation answers that afterwards).</summary>
    private static string? TopLevelString(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                _ = reader.Read();
                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the request is counted without it.
        }
        catch (InvalidOperationException)
        {
            // A string member that is not valid UTF-8, likewise.
        }

        return null;
    }

    private sealed record OperationQuota(string Operation, QuotaCategory Category, TokenBucket Bucket, bool IsChallengeResponse);
}
