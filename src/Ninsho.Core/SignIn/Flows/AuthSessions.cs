using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.SignIn;

/// <summary>Issues and checks challenge sessions. Sessions are sealed (AES-GCM) with a key every node shares
/// through storage, so any node can answer a challenge another node issued.</summary>
internal sealed class AuthSessions(SealingKeys sealingKeys)
{
    private const string Purpose = "auth-challenge";

    public async Task<string> IssueAsync(ChallengeSession session, TimeSpan lifetime) =>
        (await sealingKeys.SessionSealerAsync()).Seal(Purpose, session, CoreJsonContext.Default.ChallengeSession, lifetime);

    /// <summary>The session's content, or NotAuthorizedException "Invalid session for the user, session is expired.".</summary>
    public async Task<ChallengeSession> OpenAsync(string? session, string clientId, string challengeName)
    {
        var opened = (await sealingKeys.SessionSealerAsync()).Unseal(Purpose, session, CoreJsonContext.Default.ChallengeSession);
        return opened is not null && opened.ClientId == clientId && opened.ChallengeName == challengeName
            ? opened
            : throw CognitoErrors.SessionExpired();
    }

    /// <summary>The session's content whatever its client and challenge; null when it is not ours or has expired.
    /// For sessions that come without a ClientId (AssociateSoftwareToken, VerifySoftwareToken).</summary>
    public async Task<ChallengeSession?> TryOpenAsync(string? session) =>
        (await sealingKeys.SessionSealerAsync()).Unseal(Purpose, session, CoreJsonContext.Default.ChallengeSession);
}
