namespace Ninsho.Core.Features.HostedUi;

/// <summary>The logic of the hosted UI's browser endpoints (<c>/oauth2/authorize</c>, <c>/login</c>,
/// <c>/logout</c>) and of <c>/oauth2/userInfo</c>; the host parses the requests and renders the answers.</summary>
public interface IHostedUi
{
    /// <summary>Checks an authorize request; a grant means: show the login page for it.</summary>
    Task<AuthorizeCheck> AuthorizeAsync(AuthorizeQuery query, CancellationToken ct);

    /// <summary><c>/oauth2/authorize</c>: the request refused (<see cref="LoginOutcome.Check"/>), or the redirect back to
    /// the client when the browser's session signs the user in (or <c>prompt=none</c> finds none), or neither: show the
    /// login page.</summary>
    Task<LoginOutcome> ContinueAsync(AuthorizeQuery query, CancellationToken ct);

    /// <summary>Signs the user in for the authorize request carried by <paramref name="query"/>.</summary>
    Task<LoginOutcome> LoginAsync(AuthorizeQuery query, string? username, string? password, CancellationToken ct);

    /// <summary>"Sign in with passkey" on the login page: the page that asks the browser for the passkey of
    /// <paramref name="username"/> (the WEB_AUTHN challenge of choice-based sign-in), or the form again with a message.</summary>
    Task<LoginOutcome> PasskeyAsync(AuthorizeQuery query, string? username, CancellationToken ct);

    /// <summary>Ends the browser's session of the client's pool and says where <c>/logout</c> sends it (a logout URL of
    /// the client, or the login page again).</summary>
    Task<LogoutOutcome> LogoutAsync(AuthorizeQuery query, CancellationToken ct);

    /// <summary>The user's attributes the bearer access token's scopes cover; <paramref name="domain"/> (the prefix of
    /// <c>/domain/{prefix}/oauth2/userInfo</c>) must then be the token's pool's.</summary>
    Task<UserInfoResult> UserInfoAsync(string? accessToken, string? domain, CancellationToken ct);
}
