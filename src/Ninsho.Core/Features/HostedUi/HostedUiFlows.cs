using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>The hosted UI: the login page signs in the pool's own users with their password (lockout and status
/// rules as USER_PASSWORD_AUTH), then sends the browser back with an authorization code, or on to the pages of
/// the challenge the user gets (a new password, MFA; <see cref="HostedUiPageFlows"/>).</summary>
internal sealed class HostedUiFlows(
    AuthorizeRules rules, PasswordSignIn passwords, HostedUiCompletion completion, HostedUiSessions sessions, HostedUiPageFlows pages,
    AccessTokenAuthenticator authenticator, UserPoolClientService clients, INinshoStorage storage)
    : IHostedUi
{
    /// <summary>The <c>flow</c> of <c>ninsho.sign_ins</c> for a password posted to the login page.</summary>
    internal const string SignInFlow = "HOSTED_UI";

    public Task<AuthorizeCheck> AuthorizeAsync(AuthorizeQuery query, CancellationToken ct) => rules.CheckAsync(query, ct);

    public async Task<LoginOutcome> ContinueAsync(AuthorizeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var check = await rules.CheckAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new LoginOutcome { Check = check };
        }

        // prompt=login asks for the form whatever the session; prompt=none forbids it (OpenID Connect Core §3.1.2.1).
        var prompt = query.Field("prompt")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (prompt.Contains("login", StringComparer.Ordinal))
        {
            return new LoginOutcome { Check = check };
        }

        var session = await sessions.FindAsync(query.Session, grant.Pool.Id, ct);
        var user = session is null ? null : await storage.Users.FindAsync(grant.Pool.Id, session.UsernameKey, ct);
        if (session is not null && user is { Enabled: true } && user.Status is UserStatusType.CONFIRMED or UserStatusType.EXTERNAL_PROVIDER)
        {
            return new LoginOutcome
            {
                Check = check,
                Redirect = await completion.RedirectAsync(grant, user, ct, session.AuthTime),
                SessionCookie = await sessions.RenewAsync(query.Session, session, ct),
            };
        }

        return prompt.Contains("none", StringComparer.Ordinal)
            ? new LoginOutcome { Check = check, Redirect = HostedUiUrls.WithQuery(grant.RedirectUri, ("error", "login_required"), ("state", grant.State)) }
            : new LoginOutcome { Check = check };
    }

    public async Task<LoginOutcome> LoginAsync(AuthorizeQuery query, string? username, string? password, CancellationToken ct)
    {
        var check = await rules.CheckPasswordSignInAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new LoginOutcome { Check = check };
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return new LoginOutcome { Check = check, FormError = "Please enter your username and password." };
        }

        StoredUser user;
        try
        {
            user = await passwords.ProveAsync(SignInContext.For(grant.Pool, grant.Client), username, password, clientCheck: null, hideExistence: true, ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            // The hosted UI never tells a missing user from a wrong password (hideExistence above), not even by time.
            Diagnostics.NinshoTelemetry.RecordSignIn(SignInFlow, e.Type);
            var message = e.Message;
            return new LoginOutcome { Check = check, FormError = message };
        }

        // A new password, MFA: the pages that follow continue the sign-in (HostedUiPageFlows); a sign-in that ends
        // here sends the browser back and starts the session.
        var next = await pages.ContinueAsync(check, grant, user, ct);
        var signedIn = next.View.Length == 0 && next.Redirect != "login";
        Diagnostics.NinshoTelemetry.RecordSignIn(SignInFlow, signedIn ? "tokens" : next.View.Length > 0 ? "challenge" : SignInMetrics.Failed);
        return signedIn
            ? new LoginOutcome { Check = check, Redirect = next.Redirect, SessionCookie = next.SessionCookie }
            : new LoginOutcome { Check = check, FormError = next.Error, Page = next.View.Length > 0 ? next : null };
    }

    public async Task<LoginOutcome> PasskeyAsync(AuthorizeQuery query, string? username, CancellationToken ct)
    {
        var check = await rules.CheckPasswordSignInAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new LoginOutcome { Check = check };
        }

        if (!check.PasskeySignIn)
        {
            return new LoginOutcome { Check = check, FormError = HostedUiPageFlows.NoPasskey };
        }

        if (string.IsNullOrEmpty(username))
        {
            return new LoginOutcome { Check = check, FormError = "Please enter your username." };
        }

        var next = await pages.StartPasskeyAsync(check, grant, username, ct);
        return new LoginOutcome { Check = check, FormError = next.Error, Page = next.View.Length > 0 ? next : null };
    }

    public async Task<LogoutOutcome> LogoutAsync(AuthorizeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stored = query.Field("client_id") is { } clientId ? await storage.Clients.FindAsync(clientId, ct) : null;
        if (stored is null || !await DomainServesAsync(query.Domain, stored.UserPoolId, ct))
        {
            return new LogoutOutcome(null, query.Session);
        }

        var client = await clients.DescribeAsync(stored);
        var logoutUri = query.Field("logout_uri");
        string? target;
        if (logoutUri is not null)
        {
            target = client.LogoutURLs?.Contains(logoutUri, StringComparer.Ordinal) == true ? logoutUri : null;
        }
        else
        {
            // Without logout_uri, Cognito signs the user out and shows the login page again for redirect_uri.
            var redirectUri = query.Field("redirect_uri");
            target = redirectUri is not null && client.CallbackURLs?.Contains(redirectUri, StringComparer.Ordinal) == true
                ? HostedUiUrls.WithQuery("login", [.. query.Fields.Select(f => (f.Key, (string?)f.Value))])
                : null;
        }

        // An invalid request signs nobody out: the browser stays where it was, with its session.
        return target is null ? new LogoutOutcome(null, query.Session) : new LogoutOutcome(target, await sessions.EndAsync(query.Session, stored.UserPoolId, ct));
    }

    public async Task<UserInfoResult> UserInfoAsync(string? accessToken, string? domain, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return UserInfoResult.Fail(401, "invalid_request", "Access token is missing");
        }

        AuthenticatedAccess access;
        try
        {
            access = await authenticator.AuthenticateAsync(accessToken, "openid", ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return UserInfoResult.Fail(401, "invalid_token", e.Message);
        }

        // A domain serves one pool: another pool's token is as invalid there as a forged one.
        if (!await DomainServesAsync(domain, access.Pool.Id, ct))
        {
            return UserInfoResult.Fail(401, "invalid_token", CognitoErrors.InvalidAccessToken().Message);
        }

        var client = await clients.GetAsync(access.Claims.ClientId, access.Pool.Id, ct);
        var attributes = ClientAttributeAccess.ForIdToken(client, access.User);
        return new UserInfoResult { Claims = UserInfoClaims.For(access.Claims.Scope, access.User, attributes) };
    }

    /// <summary>Whether a request through <c>/domain/{prefix}/…</c> (<paramref name="domain"/> not null) reached the
    /// domain of <paramref name="userPoolId"/>; the routes without a domain serve every pool.</summary>
    private async Task<bool> DomainServesAsync(string? domain, string userPoolId, CancellationToken ct) =>
        domain is null || (await storage.Domains.FindAsync(domain, ct))?.UserPoolId == userPoolId;
}
