using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>Routes RespondToAuthChallenge and AdminRespondToAuthChallenge to the challenge's handler.</summary>
internal sealed class ChallengeResponder(
    SignInFlows flows, NewPasswordChallenge newPassword, SrpSignIn srp, DeviceSrpChallenge device, MfaResponder mfa, CustomAuthSignIn custom)
{
    private static readonly Dictionary<string, string> NoResponses = new(StringComparer.Ordinal);

    public async Task<AuthOutcome> RespondAsync(
        string? adminUserPoolId, string clientId, string challengeName, string? session, IReadOnlyDictionary<string, string>? responses, SignInCaller caller, CancellationToken ct)
    {
        var signIn = await flows.ContextAsync(adminUserPoolId, clientId, caller, ct);
        return await RespondAsync(signIn, challengeName, session, responses, ct);
    }

    /// <summary>Answers a challenge of a sign-in whose context the caller made (the hosted UI's pages).</summary>
    public Task<AuthOutcome> RespondAsync(
        SignInContext signIn, string challengeName, string? session, IReadOnlyDictionary<string, string>? responses, CancellationToken ct) =>
        SignInMetrics.CountAsync(challengeName, () => RespondToAsync(signIn, challengeName, session, responses, ct));

    private async Task<AuthOutcome> RespondToAsync(
        SignInContext signIn, string challengeName, string? session, IReadOnlyDictionary<string, string>? responses, CancellationToken ct)
    {
        return challengeName switch
        {
            ChallengeNameType.NEW_PASSWORD_REQUIRED => await newPassword.RespondAsync(signIn, session, responses ?? NoResponses, ct),
            ChallengeNameType.PASSWORD_VERIFIER => await srp.RespondAsync(signIn, session, responses ?? NoResponses, ct,
                user => custom.AfterPasswordVerifierAsync(signIn, user, responses ?? NoResponses, ct)),
            ChallengeNameType.CUSTOM_CHALLENGE => await custom.RespondAsync(signIn, session, responses ?? NoResponses, ct),
            ChallengeNameType.DEVICE_SRP_AUTH => await device.RespondSrpAuthAsync(signIn, session, responses ?? NoResponses, ct),
            ChallengeNameType.DEVICE_PASSWORD_VERIFIER => await device.RespondPasswordVerifierAsync(signIn, session, responses ?? NoResponses, ct),
            ChallengeNameType.SMS_MFA or ChallengeNameType.SOFTWARE_TOKEN_MFA or ChallengeNameType.EMAIL_OTP or ChallengeNameType.SMS_OTP
                or ChallengeNameType.SELECT_MFA_TYPE or ChallengeNameType.MFA_SETUP or ChallengeNameType.SELECT_CHALLENGE
                or ChallengeNameType.WEB_AUTHN =>
                await mfa.RespondAsync(signIn, challengeName, session, responses ?? NoResponses, ct),
            _ => throw CognitoErrors.ChallengeNotBuilt(challengeName),
        };
    }
}
