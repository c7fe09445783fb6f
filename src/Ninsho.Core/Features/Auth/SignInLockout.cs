using Ninsho.Core.Features.AuthEvents;
using Ninsho.Core.Features.Users;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Auth;

/// <summary>Failed sign-in lockout (cognito-facts.md §7.2), shared by every flow that checks a password or proof
/// of it: five free failures, then 2^(n-5) seconds (at most 15 minutes) before the next attempt is considered;
/// the counter restarts after 15 quiet minutes.</summary>
internal sealed class SignInLockout(UserUpdater updater, AuthEventRecorder events)
{
    private const int FreeAttempts = 5;
    private static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CounterReset = TimeSpan.FromMinutes(15);

    public static bool IsLockedOut(StoredUser user, DateTimeOffset now)
    {
        if (user.FailedSignIns < FreeAttempts || user.LastFailedSignInAt is not { } last)
        {
            return false;
        }

        var exponent = Math.Min(user.FailedSignIns - FreeAttempts, 10);
        var lockout = TimeSpan.FromSeconds(Math.Pow(2, exponent));
        return now < last + (lockout < MaxLockout ? lockout : MaxLockout);
    }

    /// <summary>Counts a failed attempt, and records it as a failed sign-in event (when the pool keeps them).</summary>
    public async Task RecordFailureAsync(StoredUser user, DateTimeOffset now, CancellationToken ct)
    {
        _ = await updater.UpdateAsync(user, u => u with
        {
            FailedSignIns = u.LastFailedSignInAt is { } last && now - last > CounterReset ? 1 : u.FailedSignIns + 1,
            LastFailedSignInAt = now,
        }, ct);
        await events.FailedPasswordAsync(user, ct);
    }

    /// <summary>Clears the counter after a success; no write when there is nothing to clear.</summary>
    public async Task<StoredUser> RecordSuccessAsync(StoredUser user, CancellationToken ct) =>
        user.FailedSignIns == 0
            ? user
            : await updater.UpdateAsync(user, u => u with { FailedSignIns = 0, LastFailedSignInAt = null }, ct);
}
