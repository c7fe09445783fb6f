using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>Applies a change to a user with optimistic concurrency: re-reads and re-applies on a version conflict,
/// so concurrent writers on any node never overwrite each other.</summary>
internal sealed class UserUpdater(INinshoStorage storage, TimeProvider clock)
{
    public async Task<StoredUser> UpdateAsync(StoredUser user, Func<StoredUser, StoredUser> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var changed = change(user) with { ModifiedAt = clock.GetUtcNow() };
            switch (await storage.Users.UpdateAsync(changed, ct))
            {
                case UpdateResult.Updated:
                    return changed with { Version = user.Version + 1 };
                case UpdateResult.NotFound:
                    throw CognitoErrors.UserNotFound();
                default:
                    user = await storage.Users.FindAsync(user.UserPoolId, user.UsernameKey, ct) ?? throw CognitoErrors.UserNotFound();
                    break;
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    /// <summary>Sign-out everywhere: refresh tokens revoked, access tokens issued so far refused.</summary>
    public async Task<StoredUser> SignOutEverywhereAsync(StoredUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        _ = await storage.RefreshTokens.RevokeAllForUserAsync(user.UserPoolId, user.UsernameKey, now, ct);
        return await UpdateAsync(user, u => u with { TokensValidAfter = now }, ct);
    }
}
