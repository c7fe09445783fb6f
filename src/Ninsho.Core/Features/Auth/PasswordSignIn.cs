using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Features.Users;
using Ninsho.Core.Security;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Auth;

/// <summary>Username + password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH): existence rules,
/// lockout (§7.2), user status (§5.1) and the NEW_PASSWORD_REQUIRED challenge (§5.3).</summary>
internal sealed class PasswordSignIn(
    UserDirectory directory, UserUpdater updater, PasswordHasher hasher, SignInTokens tokens, NewPasswordChallenge newPassword, TimeProvider clock)
{
    private const int FreeAttempts = 5;
    private static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CounterReset = TimeSpan.FromMinutes(15);

    public async Task<AuthOutcome> SignInAsync(UserPoolSettings pool, UserPoolClientType client, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var username = parameters.GetValueOrDefault("USERNAME");
        var password = parameters.GetValueOrDefault("PASSWORD");
        if (string.IsNullOrEmpty(username))
        {
            throw CognitoErrors.InvalidParameter("Missing required parameter USERNAME");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw CognitoErrors.InvalidParameter("Missing required parameter PASSWORD");
        }

        var user = await directory.FindAsync(pool, username, ct);
        SecretHashRules.Check(client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        if (user is null)
        {
            throw client.PreventUserExistenceErrors == PreventUserExistenceErrorTypes.ENABLED
                ? CognitoErrors.IncorrectCredentials()
                : CognitoErrors.UserNotFound();
        }

        if (user.Status == UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        var now = clock.GetUtcNow();
        if (IsLockedOut(user, now))
        {
            throw CognitoErrors.NotAuthorized("Password attempts exceeded");
        }

        if (user.PasswordHash is null || !await hasher.VerifyAsync(password, user.PasswordHash, ct))
        {
            await RecordFailureAsync(user, now, ct);
            throw CognitoErrors.IncorrectCredentials();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        if (user.FailedSignIns > 0 || hasher.NeedsRehash(user.PasswordHash))
        {
            var rehash = hasher.NeedsRehash(user.PasswordHash) ? await hasher.HashAsync(password, ct) : user.PasswordHash;
            user = await updater.UpdateAsync(user, u => u with { FailedSignIns = 0, LastFailedSignInAt = null, PasswordHash = rehash }, ct);
        }

        return await ContinueAsync(pool, client, user, now, ct);
    }

    /// <summary>What follows a correct password: a reset demand, the new-password challenge, or tokens.</summary>
    public async Task<AuthOutcome> ContinueAsync(UserPoolSettings pool, UserPoolClientType client, StoredUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (user.Status == UserStatusType.RESET_REQUIRED)
        {
            throw CognitoErrors.PasswordResetRequired();
        }

        if (user.Status == UserStatusType.FORCE_CHANGE_PASSWORD)
        {
            if (user.PasswordSetAt is { } set && now > set + PasswordRules.TemporaryPasswordValidity(pool))
            {
                throw CognitoErrors.NotAuthorized("Temporary password has expired and must be reset by an administrator.");
            }

            return await newPassword.IssueAsync(pool, client, user);
        }

        return AuthOutcome.Tokens(await tokens.IssueAsync(pool, client, user, ct));
    }

    private static bool IsLockedOut(StoredUser user, DateTimeOffset now)
    {
        if (user.FailedSignIns < FreeAttempts || user.LastFailedSignInAt is not { } last)
        {
            return false;
        }

        var exponent = Math.Min(user.FailedSignIns - FreeAttempts, 10);
        var lockout = TimeSpan.FromSeconds(Math.Pow(2, exponent));
        return now < last + (lockout < MaxLockout ? lockout : MaxLockout);
    }

    private async Task RecordFailureAsync(StoredUser user, DateTimeOffset now, CancellationToken ct) =>
        _ = await updater.UpdateAsync(user, u => u with
        {
            FailedSignIns = u.LastFailedSignInAt is { } last && now - last > CounterReset ? 1 : u.FailedSignIns + 1,
            LastFailedSignInAt = now,
        }, ct);
}
