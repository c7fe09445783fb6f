using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>USER_AUTH, choice-based sign-in: the first factors the pool's SignInPolicy allows and the user has
/// (PASSWORD, EMAIL_OTP with a verified email, SMS_OTP with a verified phone, WEB_AUTHN with a passkey). PREFERRED_CHALLENGE starts one
/// directly; otherwise SELECT_CHALLENGE lists them in AvailableChallenges.
/// PASSWORD_SRP (offered with PASSWORD) continues as USER_SRP_AUTH does, with the SRP_A sent alongside.</summary>
internal sealed class UserAuthSignIn(UserDirectory directory, PasswordSignIn password, SrpSignIn srp, MfaSessions sessions, ChallengeCodes codes, PasskeySignIn passkeys)
{
    public async Task<AuthOutcome> InitiateAsync(SignInContext signIn, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var username = MfaResponder.Required(parameters, "USERNAME");
        var user = await directory.FindAsync(signIn.Pool, username, ct);
        SecretHashRules.Check(signIn.Client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        if (user is null)
        {
            throw signIn.Client.PreventUserExistenceErrors == PreventUserExistenceErrorTypes.ENABLED
                ? CognitoErrors.IncorrectCredentials()
                : CognitoErrors.UserNotFound();
        }

        if (user.Status == UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        var available = Available(signIn.Pool, user, await passkeys.HasPasskeysAsync(signIn.Pool, user, ct));
        if (parameters.GetValueOrDefault("PREFERRED_CHALLENGE") is { } preferred && available.Contains(preferred))
        {
            return await StartAsync(signIn, user, preferred, parameters, ct);
        }

        var session = await sessions.IssueAsync(signIn, user, ChallengeNameType.SELECT_CHALLENGE, MfaSessions.FirstFactor);
        return new AuthOutcome(ChallengeNameType.SELECT_CHALLENGE, new Dictionary<string, string>(StringComparer.Ordinal), session, null, available);
    }

    /// <summary>The answer to SELECT_CHALLENGE: ANSWER names the factor (with PASSWORD for PASSWORD).</summary>
    public async Task<AuthOutcome> SelectAsync(
        SignInContext signIn, StoredUser user, string username, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var answer = MfaResponder.Required(responses, "ANSWER");
        if (!Available(signIn.Pool, user, await passkeys.HasPasskeysAsync(signIn.Pool, user, ct)).Contains(answer))
        {
            // Guessed wording.
            throw CognitoErrors.ChallengeNotAvailable(answer);
        }

        var parameters = new Dictionary<string, string>(responses, StringComparer.Ordinal) { ["USERNAME"] = username };
        return await StartAsync(signIn, user, answer, parameters, ct);
    }

    /// <summary>The first factors <paramref name="user"/> can sign in with under the pool's SignInPolicy
    /// (<paramref name="hasPasskeys"/>: whether the user has registered a passkey).</summary>
    public static List<string> Available(UserPoolSettings pool, StoredUser user, bool hasPasskeys)
    {
        var allowed = pool.Config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [AuthFactorType.PASSWORD];
        var result = new List<string>();
        if (allowed.Contains(AuthFactorType.PASSWORD) && user.PasswordHash is not null)
        {
            result.Add(ChallengeNameType.PASSWORD);
            result.Add(ChallengeNameType.PASSWORD_SRP);
        }

        if (allowed.Contains(AuthFactorType.EMAIL_OTP) && Verified(user, "email"))
        {
            result.Add(ChallengeNameType.EMAIL_OTP);
        }

        if (allowed.Contains(AuthFactorType.SMS_OTP) && Verified(user, "phone_number"))
        {
            result.Add(ChallengeNameType.SMS_OTP);
        }

        if (allowed.Contains(AuthFactorType.WEB_AUTHN) && hasPasskeys)
        {
            result.Add(ChallengeNameType.WEB_AUTHN);
        }

        return result;
    }

    private async Task<AuthOutcome> StartAsync(
        SignInContext signIn, StoredUser user, string factor, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        if (factor == ChallengeNameType.PASSWORD)
        {
            return await password.SignInAsync(signIn, parameters, ct);
        }

        if (factor == ChallengeNameType.PASSWORD_SRP)
        {
            return await srp.InitiateAsync(signIn, parameters, ct);
        }

        if (factor == ChallengeNameType.WEB_AUTHN)
        {
            return await passkeys.IssueAsync(signIn, user, ct);
        }

        var codeParameters = await codes.SendAsync(signIn, user, factor, ct);
        var session = await sessions.IssueAsync(signIn, user, factor, MfaSessions.FirstFactor);
        return new AuthOutcome(factor, codeParameters, session, null);
    }

    private static bool Verified(StoredUser user, string attribute) =>
        user.Attributes.GetValueOrDefault(attribute) is { Length: > 0 } && user.Attributes.GetValueOrDefault(attribute + "_verified") == "true";
}
