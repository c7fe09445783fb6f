using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>The pool's password policy, as Cognito words its refusals (docs/cognito-behaviour.md#password-policy).</summary>
internal static class PasswordRules
{
    public static PasswordPolicyRules For(UserPoolSettings pool)
    {
        var p = pool.PasswordPolicy;
        return new PasswordPolicyRules
        {
            MinimumLength = p.MinimumLength ?? 8,
            RequireUppercase = p.RequireUppercase ?? false,
            RequireLowercase = p.RequireLowercase ?? false,
            RequireNumbers = p.RequireNumbers ?? false,
            RequireSymbols = p.RequireSymbols ?? false,
            TemporaryPasswordValidityDays = p.TemporaryPasswordValidityDays is null or 0 ? 7 : p.TemporaryPasswordValidityDays.Value,
        };
    }

    /// <summary>Throws InvalidPasswordException for the first rule the password breaks.
    /// SignUp words it "did not conform with policy", every other operation "does not conform to policy".</summary>
    public static void Check(UserPoolSettings pool, string password, bool signUp = false)
    {
        if (PasswordPolicyChecker.FirstViolation(password, For(pool)) is { } reason)
        {
            throw CognitoErrors.PasswordPolicyViolated(reason, signUp);
        }
    }

    public static TimeSpan TemporaryPasswordValidity(UserPoolSettings pool) => TimeSpan.FromDays(For(pool).TemporaryPasswordValidityDays);

    /// <summary>True for the statuses whose password is temporary.</summary>
    public static bool IsTemporary(string status) => status == UserStatusType.FORCE_CHANGE_PASSWORD;

    /// <summary>A password can't be reset (AdminResetUserPassword, ForgotPassword) while it is still temporary:
    /// NotAuthorizedException "User password cannot be reset in the current state." (docs/cognito-behaviour.md#codes-sign-up-and-password-reset, #error-messages).</summary>
    public static void CheckResettable(StoredUser user)
    {
        if (IsTemporary(user.Status))
        {
            throw CognitoErrors.PasswordResetNotAllowed();
        }
    }
}
