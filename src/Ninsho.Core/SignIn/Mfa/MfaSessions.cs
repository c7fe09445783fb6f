using System.Globalization;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Sessions of the MFA and choice-based challenges. The sealed challenge name is
/// <c>&lt;challenge&gt;:&lt;stage&gt;:&lt;round&gt;</c>: the stage tells an MFA EMAIL_OTP from a first-factor one and an
/// MFA_SETUP before and after VerifySoftwareToken; the round is the user's count of answered challenges, so a
/// session that was answered once is refused afterwards ("Invalid session for the user.").</summary>
internal sealed class MfaSessions(AuthSessions sessions)
{
    public const string Mfa = "mfa";
    public const string FirstFactor = "first";
    public const string Setup = "setup";
    public const string Verified = "verified";

    public Task<string> IssueAsync(SignInContext signIn, StoredUser user, string challenge, string stage)
    {
        var (poolId, client) = (signIn.Pool.Id, signIn.Client);
        var round = UserState.ReadMfa(user).Completions.ToString(CultureInfo.InvariantCulture);
        return sessions.IssueAsync(
            new ChallengeSession(poolId, client.ClientId!, user.UsernameKey, $"{challenge}:{stage}:{round}"),
            UserPoolClientRules.AuthSessionLifetime(client));
    }

    /// <summary>Opens a session issued for <paramref name="challenge"/> (and <paramref name="clientId"/> when given).</summary>
    public async Task<OpenedMfaSession> OpenAsync(string? session, string? clientId, string challenge)
    {
        var opened = await sessions.TryOpenAsync(session);
        var parts = opened?.ChallengeName.Split(':');
        if (opened is null || parts is not { Length: 3 } || parts[0] != challenge || (clientId is not null && opened.ClientId != clientId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var round))
        {
            throw CognitoErrors.SessionExpired();
        }

        return new OpenedMfaSession(opened, parts[1], round);
    }

    /// <summary>Refuses a session whose challenge was already answered.</summary>
    public static void CheckRound(StoredUser user, OpenedMfaSession opened)
    {
        if (UserState.ReadMfa(user).Completions != opened.Round)
        {
            throw CognitoErrors.InvalidSession();
        }
    }

    /// <summary>The user with one more answered challenge.</summary>
    public static StoredUser Answered(StoredUser user, Func<UserMfaState, UserMfaState>? change = null)
    {
        var state = UserState.Read(user);
        var mfa = change?.Invoke(state.Mfa) ?? state.Mfa;
        return user with { ExtraJson = (state with { Mfa = mfa with { Completions = state.Mfa.Completions + 1 } }).Write() };
    }
}
