namespace Ninsho.Core.Features.HostedUi;

/// <summary>The answer to a login form: the request was not acceptable (<see cref="Check"/>, not a grant); the
/// form again with a message (for <c>/oauth2/authorize</c>: the login page, when neither); or the redirect back to the
/// client with the code.</summary>
public sealed record LoginOutcome
{
    public required AuthorizeCheck Check { get; init; }

    /// <summary>The message to show above the form, when the sign-in did not succeed.</summary>
    public string? FormError { get; init; }

    /// <summary>The client's redirect URI with <c>code</c> and <c>state</c> (or the implicit flow's tokens), or an
    /// error for it (<c>prompt=none</c> without a session: <c>login_required</c>).</summary>
    public string? Redirect { get; init; }

    /// <summary>The new value of the browser's <c>cognito</c> cookie after a sign-in or a reused session; null leaves
    /// the cookie as it is.</summary>
    public string? SessionCookie { get; init; }

    /// <summary>The page of the challenge that follows the password (a new password, MFA).</summary>
    public HostedUiPage? Page { get; init; }
}
