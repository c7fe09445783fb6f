using System.Text.Json;
using Ninsho.Core.Pools;
using Ninsho.Core.Serialization;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The MFA decision after a proven first factor, and the challenges it issues: tokens when MFA is off or
/// optional and the user has no factor; MFA_SETUP when it is required and the user has none; the preferred or
/// only factor (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP); SELECT_MFA_TYPE when several are on and none preferred.</summary>
internal sealed class MfaChallenges(MfaSessions sessions, ChallengeCodes codes, SignInTokens tokens)
{
    /// <summary>Tokens, or the MFA challenge; <paramref name="deviceKey"/> is the device of the sign-in, which the
    /// access token names when tokens come now (after an MFA challenge they do not).</summary>
    public async Task<AuthOutcome> AfterFirstFactorAsync(SignInContext signIn, StoredUser user, CancellationToken ct, string? deviceKey = null)
    {
        if (signIn.Pool.MfaMode == UserPoolMfaType.OFF)
        {
            return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, deviceKey, ct));
        }

        var state = UserState.ReadMfa(user);
        var usable = Usable(signIn.Pool, user);
        if (usable.Count == 0)
        {
            if (signIn.Pool.MfaMode != UserPoolMfaType.ON)
            {
                return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, deviceKey, ct));
            }

            // Required MFA: a phone number or email the pool can send codes to is used as it is.
            var automatic = signIn.Pool.Mfa.Factors().FirstOrDefault(f => f != ChallengeNameType.SOFTWARE_TOKEN_MFA && state.CanReceive(user, f));
            if (automatic is not null)
            {
                return await IssueAsync(signIn, user, automatic, ct);
            }

            return await ListAsync(signIn, user, ChallengeNameType.MFA_SETUP, "MFAS_CAN_SETUP", [.. signIn.Pool.Mfa.Factors()], MfaSessions.Setup);
        }

        var chosen = state.Preferred is { } p && usable.Contains(p) ? p : usable.Count == 1 ? usable[0] : null;
        return chosen is null
            ? await ListAsync(signIn, user, ChallengeNameType.SELECT_MFA_TYPE, "MFAS_CAN_CHOOSE", usable, MfaSessions.Mfa)
            : await IssueAsync(signIn, user, chosen, ct);
    }

    /// <summary>The factors the user turned on that the pool allows and the user can receive.</summary>
    public static List<string> Usable(UserPoolSettings pool, StoredUser user)
    {
        var state = UserState.ReadMfa(user);
        var allowed = pool.Mfa.Factors().ToHashSet(StringComparer.Ordinal);
        return [.. state.EnabledFactors().Where(f => allowed.Contains(f) && state.CanReceive(user, f))];
    }

    /// <summary>Issues one MFA challenge: a code by SMS or email, or a request for the TOTP code.</summary>
    public async Task<AuthOutcome> IssueAsync(SignInContext signIn, StoredUser user, string challenge, CancellationToken ct)
    {
        var parameters = challenge == ChallengeNameType.SOFTWARE_TOKEN_MFA
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await codes.SendAsync(signIn, user, challenge, ct);
        var session = await sessions.IssueAsync(signIn, user, challenge, MfaSessions.Mfa);
        return new AuthOutcome(challenge, parameters, session, null);
    }

    private async Task<AuthOutcome> ListAsync(
        SignInContext signIn, StoredUser user, string challenge, string parameter, List<string> factors, string stage)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [parameter] = JsonSerializer.Serialize(factors, CoreJsonContext.Default.ListString),
        };
        var session = await sessions.IssueAsync(signIn, user, challenge, stage);
        return new AuthOutcome(challenge, parameters, session, null);
    }

}
