using Ninsho.Core.Security;
using Ninsho.Core.Security.Srp;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Username + password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH): existence rules,
/// lockout (docs/cognito-behaviour.md#lockout-after-failed-sign-ins) and user status (docs/cognito-behaviour.md#user-status); then <see cref="SignInCompletion"/>.</summary>
internal sealed class PasswordSignIn(
    UserDirectory directory, UserUpdater updater, PasswordHasher hasher, SignInLockout lockout, SignInCompletion completion, DeviceSignIn devices,
    LambdaTriggers triggers, UserMigration migration)
{
    public async Task<AuthOutcome> SignInAsync(SignInContext signIn, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var username = parameters.GetValueOrDefault("USERNAME");
        var password = parameters.GetValueOrDefault("PASSWORD");
        if (string.IsNullOrEmpty(username))
        {
            throw CognitoErrors.MissingAuthParameter("USERNAME");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw CognitoErrors.MissingAuthParameter("PASSWORD");
        }

        var user = await ProveAsync(signIn, username, password, u => SecretHashRules.Check(signIn.Client, parameters.GetValueOrDefault("SECRET_HASH"), username, u?.Username), hideExistence: false, ct);
        var deviceKey = parameters.GetValueOrDefault("DEVICE_KEY");
        var newDeviceKey = DeviceSignIn.NewDeviceKey(signIn.Pool, deviceKey);
        return await devices.AfterFirstFactorAsync(signIn, user, deviceKey, ct)
            ?? await devices.WithNewDeviceAsync(signIn.Pool, user, newDeviceKey, await completion.ContinueAsync(signIn, user, ct, newDeviceKey), ct);
    }

    /// <summary>The first factor alone: the user whose password this is, after the existence rules, lockout and
    /// status checks (a confirmed, enabled user). <paramref name="clientCheck"/> runs once the user is looked up
    /// (SECRET_HASH, which needs the username the user was created with). Where existence must not show (the
    /// client's PreventUserExistenceErrors, or <paramref name="hideExistence"/>), an unknown user costs the same
    /// password hash as a known one (docs/security-timing-and-srp.md).</summary>
    public async Task<StoredUser> ProveAsync(
        SignInContext signIn, string username, string password, Action<StoredUser?>? clientCheck, bool hideExistence, CancellationToken ct)
    {
        var failuresBeforeRead = lockout.FailuresCounted;
        var user = await directory.FindAsync(signIn.Pool, username, ct);
        clientCheck?.Invoke(user);
        var hide = hideExistence || signIn.Client.PreventUserExistenceErrors == PreventUserExistenceErrorTypes.ENABLED;

        // An unknown user may be migrated by the pool's UserMigration function (docs/triggers.md#usermigration).
        user ??= await migration.OnSignInAsync(signIn.Pool, signIn.Client.ClientId, username, password, signIn.ClientMetadata, hide, ct);

        // Before the password is checked: a refusal counts no failed attempt (docs/triggers.md#preauthentication).
        await PreAuthentication.RunAsync(triggers, signIn, user, username, ct);
        if (user is null)
        {
            if (!hide)
            {
                throw CognitoErrors.UserNotFound();
            }

            _ = await hasher.VerifyDecoyAsync(password, ct);
            throw CognitoErrors.IncorrectCredentials();
        }

        user = await lockout.CheckAsync(signIn, user, u => CheckPasswordAsync(u, password, ct), ct, failuresBeforeRead);

        // Only the right password learns that the user is unconfirmed (or disabled): a wrong one is just wrong.
        if (user.Status == UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        // Passwords set before SRP existed get their verifier now, like a rehash.
        var srp = UserState.Read(user).Srp is null ? SrpCredential.Create(SrpCredential.PoolName(signIn.Pool.Id), user.Username, password) : null;
        if (hasher.NeedsRehash(user.PasswordHash!) || srp is not null)
        {
            var rehash = hasher.NeedsRehash(user.PasswordHash!) ? await hasher.HashAsync(password, ct) : user.PasswordHash;
            user = await updater.UpdateAsync(user, u => u with
            {
                PasswordHash = rehash,
                ExtraJson = srp is null ? u.ExtraJson : (UserState.Read(u) with { Srp = srp }).Write(),
            }, ct);
        }

        return user;
    }

    /// <summary>A user without a password (a federated one) costs the same work as a wrong password, so the answer's
    /// timing tells nothing.</summary>
    private async Task<bool> CheckPasswordAsync(StoredUser user, string password, CancellationToken ct)
    {
        if (user.PasswordHash is { } hash)
        {
            return await hasher.VerifyAsync(password, hash, ct);
        }

        _ = await hasher.VerifyDecoyAsync(password, ct);
        return false;
    }
}
