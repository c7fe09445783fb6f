using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>The hosted UI's sign-in session (docs/hosted-ui-and-oauth.md#the-sign-in-session): after a sign-in on
/// the login page the browser holds the <c>cognito</c> cookie, and a later <c>/oauth2/authorize</c> for the same pool,
/// from any of its app clients, signs the user in again without the form, for an hour after the last use. The cookie
/// is sealed (AES-GCM, the cluster's session key), so every node reads it and no node keeps a session table.
/// <c>/logout</c> ends a session on the server too: it stores a marker under the session's id, which every node
/// checks, so a copy of the cookie taken before the logout no longer signs anyone in; markers are swept once every
/// cookie they could stop has expired.</summary>
internal sealed class HostedUiSessions(INinshoStorage storage, SealingKeys sealingKeys, IdGenerator ids, TimeProvider clock)
{
    /// <summary>The pool resource kind of a session ended by <c>/logout</c>.</summary>
    public const string EndedKind = "hosted-ui-session-ended";

    public static TimeSpan Lifetime => HostedUiSessionCookies.Lifetime;

    private const string Purpose = "hosted-ui-session";

    /// <summary>How many pools one browser's cookie keeps sessions for; the oldest go first.</summary>
    private const int MaxPools = 8;


    /// <summary>The live session of <paramref name="userPoolId"/> in the cookie, or null (none, expired, tampered
    /// with, or ended by <c>/logout</c>).</summary>
    public async Task<HostedUiSessionEntry?> FindAsync(string? cookie, string userPoolId, CancellationToken ct)
    {
        var entry = (await OpenAsync(cookie)).Sessions.FirstOrDefault(s => s.UserPoolId == userPoolId);
        if (entry is null || entry.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }

        return await storage.PoolResources.FindAsync(userPoolId, EndedKind, entry.SessionId, ct) is null ? entry : null;
    }

    /// <summary>The cookie after a sign-in on the login page: a new session for the pool, replacing its old one.</summary>
    public Task<string> StartAsync(string? cookie, string userPoolId, string usernameKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return WithAsync(cookie, userPoolId, new HostedUiSessionEntry
        {
            UserPoolId = userPoolId,
            UsernameKey = usernameKey,
            SessionId = ids.Jti(),
            AuthTime = now,
            ExpiresAt = now + Lifetime,
        }, ct);
    }

    /// <summary>The cookie after a session was reused: the same session, for another hour.</summary>
    public Task<string> RenewAsync(string? cookie, HostedUiSessionEntry session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        return WithAsync(cookie, session.UserPoolId, session with { ExpiresAt = clock.GetUtcNow() + Lifetime }, ct);
    }

    /// <summary>Ends the pool's session on the server and answers the cookie without it (null when nothing is left).</summary>
    public async Task<string?> EndAsync(string? cookie, string userPoolId, CancellationToken ct)
    {
        var sessions = (await OpenAsync(cookie)).Sessions;
        if (sessions.FirstOrDefault(s => s.UserPoolId == userPoolId) is { } ended)
        {
            var now = clock.GetUtcNow();
            _ = await storage.PoolResources.CreateAsync(new StoredPoolResource
            {
                UserPoolId = userPoolId,
                Kind = EndedKind,
                Name = ended.SessionId,
                BodyJson = "{}",
                CreatedAt = now,
                ModifiedAt = now,
            }, ct);
        }

        var rest = Live(sessions).Where(s => s.UserPoolId != userPoolId).ToList();
        return rest.Count == 0 ? null : await SealAsync(rest);
    }

    private async Task<string> WithAsync(string? cookie, string userPoolId, HostedUiSessionEntry entry, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rest = Live((await OpenAsync(cookie)).Sessions).Where(s => s.UserPoolId != userPoolId).OrderByDescending(s => s.ExpiresAt).Take(MaxPools - 1);
        return await SealAsync([entry, .. rest]);
    }

    private IEnumerable<HostedUiSessionEntry> Live(IEnumerable<HostedUiSessionEntry> sessions)
    {
        var now = clock.GetUtcNow();
        return sessions.Where(s => s.ExpiresAt > now);
    }

    private async Task<HostedUiSessionList> OpenAsync(string? cookie) =>
        string.IsNullOrEmpty(cookie) ? new HostedUiSessionList()
            : (await sealingKeys.SessionSealerAsync()).Unseal(Purpose, cookie, CoreJsonContext.Default.HostedUiSessionList) ?? new HostedUiSessionList();

    private async Task<string> SealAsync(IReadOnlyList<HostedUiSessionEntry> sessions) =>
        (await sealingKeys.SessionSealerAsync()).Seal(Purpose, new HostedUiSessionList { Sessions = sessions }, CoreJsonContext.Default.HostedUiSessionList, Lifetime);
}
