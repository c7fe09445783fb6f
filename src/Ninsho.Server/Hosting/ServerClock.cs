namespace Ninsho.Server.Hosting;

/// <summary>The server's one <see cref="TimeProvider"/>: the real clock (or a test's) plus an offset that the
/// test-control route <c>POST /_ninsho/clock</c> moves forward (docs/test-control.md#the-clock). Everything that
/// reads the time through the injected provider follows it: token <c>iat</c>/<c>exp</c> and their checks, codes,
/// temporary passwords, sessions, lockouts, refresh tokens, the outbox retention. Timers and the monotonic
/// timestamp stay real (a delay still waits its real length), and so does <see cref="Real"/>, which SigV4 checks use:
/// a caller signs with its own real clock.</summary>
public sealed class ServerClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>The clock without the offset.</summary>
    public TimeProvider Real { get; } = real;

    /// <summary>How far ahead of <see cref="Real"/> this clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward by <paramref name="by"/> (never backward: what was issued must not become
    /// younger than it was).</summary>
    public TimeSpan Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, by.Ticks));
    }

    /// <summary>Back to the real time (a reset).</summary>
    public void ResetOffset() => Interlocked.Exchange(ref _offsetTicks, 0);

    public override DateTimeOffset GetUtcNow() => Real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => Real.LocalTimeZone;

    public override long TimestampFrequency => Real.TimestampFrequency;

    public override long GetTimestamp() => Real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Real.CreateTimer(callback, state, dueTime, period);
}
