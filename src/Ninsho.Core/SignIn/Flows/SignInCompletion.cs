using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>What follows a proven first factor (a password, an SRP proof, …), whatever flow proved it: a reset
/// demand, the new-password challenge, then the MFA decision (<see cref="MfaChallenges"/>): an MFA challenge or tokens.</summary>
internal sealed class SignInCompletion(MfaChallenges mfa, NewPasswordChallenge newPassword, TimeProvider clock)
{
    public async Task<AuthOutcome> ContinueAsync(SignInContext signIn, StoredUser user, CancellationToken ct, string? deviceKey = null)
    {
        if (user.Status == UserStatusType.RESET_REQUIRED)
        {
            throw CognitoErrors.PasswordResetRequired();
        }

        if (user.Status == UserStatusType.FORCE_CHANGE_PASSWORD)
        {
            if (user.PasswordSetAt is { } set && clock.GetUtcNow() > set + PasswordRules.TemporaryPasswordValidity(signIn.Pool))
            {
                throw CognitoErrors.TemporaryPasswordExpired();
            }

            return await newPassword.IssueAsync(signIn, user);
        }

        return await mfa.AfterFirstFactorAsync(signIn, user, ct, deviceKey);
    }
}
