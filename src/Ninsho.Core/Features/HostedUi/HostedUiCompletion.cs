using Ninsho.Core.SignIn;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Sends a signed-in user back to the client: <c>redirect_uri?code=…&amp;state=…</c> for the code flow, or,
/// for the implicit flow (<c>response_type=token</c>), the tokens in the fragment:
/// <c>redirect_uri#id_token=…&amp;access_token=…&amp;token_type=Bearer&amp;expires_in=…&amp;state=…</c> (the ID token
/// only with the <c>openid</c> scope, never a refresh token).</summary>
internal sealed class HostedUiCompletion(AuthorizationCodes codes, SignInTokens tokens)
{
    /// <summary>Where to send the browser once <paramref name="user"/> signed in; <paramref name="authTime"/> is when they
    /// did (the session's time when a session answered; null: now).</summary>
    public async Task<string> RedirectAsync(AuthorizeGrant grant, StoredUser user, CancellationToken ct, DateTimeOffset? authTime = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (!grant.Implicit)
        {
            var code = await codes.IssueAsync(grant, user, authTime, ct);
            return HostedUiUrls.WithQuery(grant.RedirectUri, ("code", code), ("state", grant.State));
        }

        var scope = string.Join(' ', grant.Scopes);
        var result = await tokens.IssueAsync(SignInContext.For(grant.Pool, grant.Client), user, new OAuthSignIn(scope, grant.Nonce) { Implicit = true, AuthTime = authTime }, ct);
        var openId = grant.Scopes.Contains("openid", StringComparer.Ordinal);
        return HostedUiUrls.WithFragment(grant.RedirectUri,
            ("id_token", openId ? result.IdToken : null),
            ("access_token", result.AccessToken),
            ("token_type", "Bearer"),
            ("expires_in", (result.ExpiresIn ?? 3600).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("state", grant.State));
    }
}
