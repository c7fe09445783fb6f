using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Answers to the MFA and choice-based challenges: SMS_MFA, EMAIL_OTP, SMS_OTP, SOFTWARE_TOKEN_MFA,
/// SELECT_MFA_TYPE, MFA_SETUP (after VerifySoftwareToken), SELECT_CHALLENGE and WEB_AUTHN. Each session is good for one
/// successful answer.</summary>
internal sealed class MfaResponder(
    MfaSessions sessions, UserDirectory directory, UserUpdater updater, ChallengeCodes codes, TotpCheck totp,
    MfaChallenges challenges, SignInTokens tokens, UserAuthSignIn choice, PasskeySignIn passkeys)
{
    public async Task<AuthOutcome> RespondAsync(
        SignInContext signIn, string challenge, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var opened = await sessions.OpenAsync(session, signIn.Client.ClientId!, challenge);
        if (opened.Session.UserPoolId != signIn.Pool.Id)
        {
            throw CognitoErrors.SessionExpired();
        }

        var username = Required(responses, "USERNAME");
        var user = await directory.FindAsync(signIn.Pool, username, ct);
        if (user is null || user.UsernameKey != opened.Session.UsernameKey)
        {
            throw CognitoErrors.SessionExpired();
        }

        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        MfaSessions.CheckRound(user, opened);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        return challenge switch
        {
            ChallengeNameType.SMS_MFA or ChallengeNameType.EMAIL_OTP or ChallengeNameType.SMS_OTP =>
                await CodeAsync(signIn, user, challenge, Required(responses, challenge + "_CODE"), ct),
            ChallengeNameType.SOFTWARE_TOKEN_MFA => await TotpAsync(signIn, user, Required(responses, "SOFTWARE_TOKEN_MFA_CODE"), ct),
            ChallengeNameType.SELECT_MFA_TYPE => await SelectAsync(signIn, user, Required(responses, "ANSWER"), ct),
            ChallengeNameType.MFA_SETUP => await SetUpAsync(signIn, user, opened, ct),
            ChallengeNameType.WEB_AUTHN => await passkeys.RespondAsync(signIn, user, session!, Required(responses, "CREDENTIAL"), ct),
            _ => await choice.SelectAsync(signIn, user, username, responses, ct),
        };
    }

    private async Task<AuthOutcome> CodeAsync(
        SignInContext signIn, StoredUser user, string challenge, string code, CancellationToken ct)
    {
        user = await codes.ConsumeAsync(user, challenge, code, u => MfaSessions.Answered(u), ct);
        return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, ct));
    }

    private async Task<AuthOutcome> TotpAsync(SignInContext signIn, StoredUser user, string code, CancellationToken ct)
    {
        var state = UserState.ReadMfa(user);
        if (state.TotpSecret is null)
        {
            throw CognitoErrors.SoftwareTokenMfaNotFound();
        }

        var step = totp.Match(state.TotpSecret, code, state.TotpLastStep) ?? throw CognitoErrors.MfaCodeMismatch();
        user = await updater.UpdateAsync(user, u => MfaSessions.Answered(u, s =>
        {
            TotpCheck.CheckUnused(step, s.TotpLastStep);
            return s with { TotpLastStep = step };
        }), ct);
        return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, ct));
    }

    private async Task<AuthOutcome> SelectAsync(SignInContext signIn, StoredUser user, string answer, CancellationToken ct)
    {
        // Guessed wording: Cognito's message for an ANSWER outside MFAS_CAN_CHOOSE is not documented.
        return MfaChallenges.Usable(signIn.Pool, user).Contains(answer)
            ? await challenges.IssueAsync(signIn, user, answer, ct)
            : throw CognitoErrors.MfaTypeNotAvailable(answer);
    }

    private async Task<AuthOutcome> SetUpAsync(SignInContext signIn, StoredUser user, OpenedMfaSession opened, CancellationToken ct)
    {
        // Only the session VerifySoftwareToken returned completes MFA_SETUP.
        if (opened.Stage != MfaSessions.Verified || UserState.ReadMfa(user).TotpSecret is null)
        {
            throw CognitoErrors.SoftwareTokenMfaNotFound();
        }

        user = await updater.UpdateAsync(user, u => MfaSessions.Answered(u), ct);
        return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, ct));
    }

    public static string Required(IReadOnlyDictionary<string, string> values, string name) =>
        values.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw CognitoErrors.MissingAuthParameter(name);
}
