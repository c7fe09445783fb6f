using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Failed sign-in lockout (docs/security-lockout-and-contention.md), shared by every flow that checks a
/// password or proof of it: five free failures, then 2^(n-5) seconds (at most 15 minutes) before the next attempt is
/// considered; the counter restarts after 15 quiet minutes. Each check is counted as a failure before it runs, in a
/// conditional write on the user as stored at that moment, so parallel guesses on any number of nodes never get more
/// checks than the lockout allows. Inside one node the checks of one user run one at a time: a counted attempt
/// looks like a failure until it is settled, so parallel sign-ins with the right password would otherwise lock each
/// other out; in turn, each gets the answer it would get alone. Across nodes at most one check per node is in flight.</summary>
internal sealed class SignInLockout(INinshoStorage storage, UserUpdater updater, AuthEventRecorder events, TimeProvider clock)
{
    private const int FreeAttempts = 5;
    private static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CounterReset = TimeSpan.FromMinutes(15);

    /// <summary>A sign-in that waited this long for its turn on one user (a flood on one account) is refused with
    /// TooManyRequestsException, which SDKs retry, rather than held longer.</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(10);

    private readonly UserLocks _locks = new(4096);

    /// <summary>How many failed attempts this node has counted since it started (any user). A caller that notes it
    /// before reading the user may pass it to <see cref="CheckAsync"/>: while it has not moved, no attempt of this
    /// node has failed since that read, so the user read needs no second read once its turn comes.</summary>
    private long _failuresCounted;

    /// <summary>The count of failed attempts this node has written so far (see <see cref="CheckAsync"/>).</summary>
    public long FailuresCounted => Volatile.Read(ref _failuresCounted);

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

    /// <summary>Runs <paramref name="check"/> (the password or proof check) on one reserved attempt: refuses with
    /// "Password attempts exceeded" when the user is locked out; counts a failure and answers "Incorrect username or
    /// password." when the check fails; clears the count when it passes and returns the user as then stored. An
    /// attempt whose caller left before the check ran is given back. <paramref name="failuresBeforeRead"/> is
    /// <see cref="FailuresCounted"/> as it was before <paramref name="user"/> was read, when the caller noted it.</summary>
    public async Task<StoredUser> CheckAsync(
        SignInContext signIn, StoredUser user, Func<StoredUser, Task<bool>> check, CancellationToken ct, long? failuresBeforeRead = null)
    {
        var gate = _locks.For(user.UserPoolId, user.UsernameKey);
        if (!await gate.WaitAsync(TurnWait, ct))
        {
            throw CognitoErrors.TooManyRequests();
        }

        try
        {
            return await CheckInTurnAsync(signIn, user, check, failuresBeforeRead, ct);
        }
        finally
        {
            _ = gate.Release();
        }
    }

    private async Task<StoredUser> CheckInTurnAsync(
        SignInContext signIn, StoredUser user, Func<StoredUser, Task<bool>> check, long? failuresBeforeRead, CancellationToken ct)
    {
        // On a storage no other node shares, a user with no failed attempt, as stored now (an attempt ahead in this
        // node's queue may just have failed), is checked first and counted only when the check fails: the right
        // password then writes nothing. Nodes sharing a database reserve first, since an unreserved check in flight
        // on one node is invisible to the others (docs/security-lockout-and-contention.md#a-user-without-failed-attempts).
        // The user is read again unless no attempt of this node has failed since the caller's read: only a counted
        // failure makes the count leave zero, and this node counts every failure its storage sees.
        if (!storage.SharedByNodes && user.FailedSignIns == 0)
        {
            if (failuresBeforeRead != FailuresCounted)
            {
                user = await storage.Users.FindAsync(user.UserPoolId, user.UsernameKey, ct) ?? throw CognitoErrors.UserNotFound();
            }

            if (user.FailedSignIns == 0)
            {
                return await CheckWithoutFailuresAsync(signIn, user, check, ct);
            }
        }

        var reserved = await ReserveAsync(user, ct);
        bool passed;
        try
        {
            passed = await check(reserved);
        }
        catch (OperationCanceledException)
        {
            // The check never ran (the caller left while it waited for the hashing gate): nothing was learnt.
            _ = await updater.UpdateAsync(reserved, u => u with { FailedSignIns = Math.Max(0, u.FailedSignIns - 1) }, CancellationToken.None);
            throw;
        }

        if (!passed)
        {
            await events.FailedPasswordAsync(signIn, reserved, ct);
            throw CognitoErrors.IncorrectCredentials();
        }

        return await updater.UpdateAsync(reserved, u => u with { FailedSignIns = 0, LastFailedSignInAt = null }, ct);
    }

    private async Task<StoredUser> CheckWithoutFailuresAsync(SignInContext signIn, StoredUser user, Func<StoredUser, Task<bool>> check, CancellationToken ct)
    {
        if (await check(user))
        {
            return user;
        }

        var now = clock.GetUtcNow();
        StoredUser counted;
        try
        {
            counted = await updater.UpdateAsync(user, u => u with
            {
                FailedSignIns = u.LastFailedSignInAt is { } last && now - last > CounterReset ? 1 : u.FailedSignIns + 1,
                LastFailedSignInAt = now,
            }, ct);
        }
        finally
        {
            // Before this attempt gives up its turn, whether or not the write went through.
            _ = Interlocked.Increment(ref _failuresCounted);
        }

        await events.FailedPasswordAsync(signIn, counted, ct);
        throw CognitoErrors.IncorrectCredentials();
    }

    /// <summary>The refusal of a locked-out user, counted in <c>ninsho.lockouts</c>.</summary>
    private static CognitoException LockedOut()
    {
        Diagnostics.NinshoTelemetry.Lockouts.Add(1);
        return CognitoErrors.PasswordAttemptsExceeded();
    }

    /// <summary>Counts the coming check as a failure, unless the user as stored now is locked out. The lockout is
    /// judged again on every re-read, so of parallel attempts only as many as are allowed get through.</summary>
    private async Task<StoredUser> ReserveAsync(StoredUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (IsLockedOut(user, now))
        {
            throw LockedOut();
        }

        try
        {
            return await updater.UpdateAsync(user, u => IsLockedOut(u, now) ? throw LockedOut() : u with
            {
                FailedSignIns = u.LastFailedSignInAt is { } last && now - last > CounterReset ? 1 : u.FailedSignIns + 1,
                LastFailedSignInAt = now,
            }, ct);
        }
        finally
        {
            _ = Interlocked.Increment(ref _failuresCounted);
        }
    }
}
