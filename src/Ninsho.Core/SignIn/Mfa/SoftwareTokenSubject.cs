using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Who AssociateSoftwareToken and VerifySoftwareToken act for: the owner of the AccessToken, or the user
/// of an MFA_SETUP session (then with the session's pool and client, so the next session can be issued).</summary>
internal sealed class SoftwareTokenSubject(
    AccessTokenAuthenticator authenticator, MfaSessions sessions, UserPoolService pools, UserPoolClientService clients, INinshoStorage storage)
{
    public async Task<Subject> ResolveAsync(string? accessToken, string? session, CancellationToken ct)
    {
        if (accessToken is not null)
        {
            var (pool, user, _) = await authenticator.AuthenticateAsync(accessToken, ct);
            return new Subject(pool, user, null, null);
        }

        if (session is null)
        {
            // Guessed wording: the model makes both optional and Cognito's message for neither is not known.
            throw CognitoErrors.SoftwareTokenSubjectMissing();
        }

        var opened = await sessions.OpenAsync(session, null, ChallengeNameType.MFA_SETUP);
        var found = await pools.FindAsync(opened.Session.UserPoolId, ct) ?? throw CognitoErrors.SessionExpired();
        var client = await clients.GetAsync(opened.Session.ClientId, found.Id, ct);
        var owner = await storage.Users.FindAsync(found.Id, opened.Session.UsernameKey, ct) ?? throw CognitoErrors.SessionExpired();
        MfaSessions.CheckRound(owner, opened);
        return new Subject(found, owner, client, opened);
    }

    /// <summary>The user, and for a session the client and the opened session.</summary>
    internal sealed record Subject(UserPoolSettings Pool, StoredUser User, UserPoolClientType? Client, OpenedMfaSession? Session);
}
