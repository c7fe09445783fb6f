namespace Ninsho.Server.Quotas;

/// <summary>A token bucket holding at most one second of a quota: a burst of up to <c>perSecond</c> requests passes at
/// once, then requests pass as fast as the bucket refills (<c>perSecond</c> tokens a second, continuously).</summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private double _tokens;
    private long _refilledAt;

    /// <summary>A full bucket at <paramref name="now"/>, a timestamp of a clock ticking
    /// <paramref name="ticksPerSecond"/> times a second.</summary>
    public TokenBucket(int perSecond, long ticksPerSecond, long now)
    {
        _capacity = perSecond;
        _tokensPerTick = (double)perSecond / ticksPerSecond;
        _tokens = perSecond;
        _refilledAt = now;
    }

    /// <summary>Takes a token if there is one.</summary>
    public bool TryTake(long now)
    {
        lock (_gate)
        {
            Refill(now);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Gives back a token taken for a request that another quota then refused.</summary>
    public void Return()
    {
        lock (_gate)
        {
            _tokens = Math.Min(_capacity, _tokens + 1);
        }
    }

    /// <summary>True when the bucket is full: forgetting it changes nothing.</summary>
    public bool IsFull(long now)
    {
        lock (_gate)
        {
            Refill(now);
            return _tokens >= _capacity;
        }
    }

    private void Refill(long now)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _refilledAt) * _tokensPerTick));
            _refilledAt = now;
        }
    }
}
