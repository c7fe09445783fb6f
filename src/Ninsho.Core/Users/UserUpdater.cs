using System.Diagnostics;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>Applies a change to a user with optimistic concurrency: re-reads and re-applies on a version conflict,
/// so concurrent writers on any node never overwrite each other. Every change lands: Cognito's model lists
/// ConcurrentModificationException only for pool configuration, so clients would not retry it on a user (see
/// docs/security-lockout-and-contention.md). Writes of one user are serialised inside this node, so a conflict
/// can only come from a stale first read or from another node; those are retried after a short jittered pause,
/// for as long as <see cref="Deadline"/>, then refused with TooManyRequestsException, which SDKs retry.</summary>
internal sealed class UserUpdater(INinshoStorage storage, TimeProvider clock)
{
    /// <summary>How long one write may keep retrying (real time: a test's fake clock does not move it).</summary>
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly UserLocks _locks = new(1024);

    public Task<StoredUser> UpdateAsync(StoredUser user, Func<StoredUser, StoredUser> change, CancellationToken ct) =>
        WriteAsync(user.UserPoolId, user.UsernameKey, async attempt =>
        {
            if (attempt > 0)
            {
                user = await storage.Users.FindAsync(user.UserPoolId, user.UsernameKey, ct) ?? throw CognitoErrors.UserNotFound();
            }

            var changed = change(user) with { ModifiedAt = clock.GetUtcNow() };
            return await storage.Users.UpdateAsync(changed, ct) switch
            {
                UpdateResult.Updated => (true, changed with { Version = user.Version + 1 }),
                UpdateResult.NotFound => throw CognitoErrors.UserNotFound(),
                _ => (false, user),
            };
        }, ct);

    /// <summary>Runs <paramref name="attempt"/> (given 0, 1, 2, …) until it reports that its write landed, holding
    /// this node's lock for the user. An attempt after the first must re-read the user: it lost to another write.</summary>
    public async Task<T> WriteAsync<T>(string userPoolId, string usernameKey, Func<int, Task<(bool Landed, T Result)>> attempt, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var gate = _locks.For(userPoolId, usernameKey);
        if (!await gate.WaitAsync(Deadline, ct))
        {
            throw CognitoErrors.TooManyRequests();
        }

        try
        {
            for (var n = 0; ; n++)
            {
                var (landed, result) = await attempt(n);
                if (landed)
                {
                    return result;
                }

                if (Stopwatch.GetElapsedTime(started) > Deadline)
                {
                    throw CognitoErrors.TooManyRequests();
                }

                // The first conflict is usually the caller's stale read: retry at once. Later ones mean another node
                // writes the same user: back off a little, with jitter so the nodes stop colliding.
                if (n > 0)
                {
                    var ceiling = Math.Min(50, 1 << Math.Min(n, 6));
                    await Task.Delay(TimeSpan.FromMilliseconds(1 + Random.Shared.Next(ceiling)), ct);
                }
            }
        }
        finally
        {
            _ = gate.Release();
        }
    }

    /// <summary>Sign-out everywhere: refresh tokens revoked, access tokens issued so far refused.</summary>
    public async Task<StoredUser> SignOutEverywhereAsync(StoredUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        _ = await storage.RefreshTokens.RevokeAllForUserAsync(user.UserPoolId, user.UsernameKey, now, ct);
        return await UpdateAsync(user, u => u with { TokensValidAfter = now }, ct);
    }
}
