namespace Ninsho.Core.Features.HostedUi;

/// <summary>The outcome of checking an authorize (or login) request: a grant; an error sent back to the client's
/// redirect URI (<c>?error=…&amp;state=…</c>); or an error page, when the redirect URI itself cannot be trusted.</summary>
public sealed record AuthorizeCheck
{
    internal AuthorizeGrant? Grant { get; private init; }

    /// <summary>The message of the error page (status 400), when nothing can be redirected to.</summary>
    public string? PageError { get; private init; }

    /// <summary>Where to send an OAuth error (its query already carries <c>error</c> and <c>state</c>).</summary>
    public string? ErrorRedirect { get; private init; }

    /// <summary>The OAuth error code <see cref="ErrorRedirect"/> carries (a fixed value: <c>invalid_request</c>, …).</summary>
    public string? Error { get; private init; }

    public bool IsGrant => Grant is not null;

    /// <summary>The grant's client offers the password form: <c>COGNITO</c> is among its identity providers.</summary>
    public bool PasswordSignIn => Grant?.Client.SupportedIdentityProviders?.Contains("COGNITO", StringComparer.Ordinal) == true;

    /// <summary>The login page offers "Sign in with passkey": the password form is offered, the pool's sign-in policy
    /// allows WEB_AUTHN as a first factor, and the client allows choice-based sign-in (<c>ALLOW_USER_AUTH</c>), where
    /// Cognito's passkeys are (docs/hosted-ui-and-oauth.md#passkey-sign-in).</summary>
    public bool PasskeySignIn => PasswordSignIn
        && Grant!.Pool.Config.Policies?.SignInPolicy?.AllowedFirstAuthFactors?.Contains(Protocol.IdentityProvider.AuthFactorType.WEB_AUTHN) == true
        && Grant.Client.ExplicitAuthFlows?.Contains(Protocol.IdentityProvider.ExplicitAuthFlowsType.ALLOW_USER_AUTH) == true;

    /// <summary>The pool lets people sign up themselves (<c>AllowAdminCreateUserOnly</c> is not true): the login page
    /// links to the sign-up page, which otherwise refuses.</summary>
    public bool SelfSignUp => Grant?.Pool.Config.AdminCreateUserConfig?.AllowAdminCreateUserOnly != true;

    /// <summary>The redirect URI of a grant: one of the client's callback URLs, checked.</summary>
    public string? RedirectUri => Grant?.RedirectUri;

    /// <summary>The identity providers other than <c>COGNITO</c> the grant's client supports: the login page's
    /// buttons (docs/federation.md).</summary>
    public IReadOnlyList<string> IdentityProviders =>
        Grant?.Client.SupportedIdentityProviders?.Where(p => p != "COGNITO").ToList() ?? [];

    internal static AuthorizeCheck Granted(AuthorizeGrant grant) => new() { Grant = grant };

    internal static AuthorizeCheck Page(string message) => new() { PageError = message };

    internal static AuthorizeCheck Redirect(string redirectUri, string error, string? description, string? state) =>
        new() { Error = error, ErrorRedirect = HostedUiUrls.WithQuery(redirectUri, ("error", error), ("error_description", description), ("state", state)) };
}
