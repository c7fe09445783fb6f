using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Checks an authorize request as Cognito's <c>/oauth2/authorize</c> does. The client and its redirect URI
/// come first: until both are known good, errors are shown as a page, never redirected (an open redirect otherwise).
/// After that, errors go back to the redirect URI: <c>unauthorized_client</c> (OAuth off for the client, or a flow it
/// does not allow), <c>unsupported_response_type</c> (other than <c>code</c> and <c>token</c>), <c>invalid_scope</c>,
/// <c>invalid_request</c> (PKCE other than S256). A request naming another identity provider is checked here too, then
/// sent there (docs/federation.md).</summary>
internal sealed class AuthorizeRules(INinshoStorage storage, UserPoolClientService clients, UserPoolService pools)
{
    /// <summary>The error page of a client whose supported identity providers leave nothing to sign in with.</summary>
    public const string NoSignInOption = "Login pages unavailable. Please contact an administrator.";

    /// <summary>The check of a page that signs in with the pool's own users (the password form, sign-up, forgotten
    /// password): also refused when the client does not list <c>COGNITO</c> among its identity providers.</summary>
    public async Task<AuthorizeCheck> CheckPasswordSignInAsync(AuthorizeQuery query, CancellationToken ct)
    {
        var check = await CheckAsync(query, ct);
        return check.IsGrant && !check.PasswordSignIn ? AuthorizeCheck.Page(NoSignInOption) : check;
    }

    public async Task<AuthorizeCheck> CheckAsync(AuthorizeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stored = query.Field("client_id") is { } clientId ? await storage.Clients.FindAsync(clientId, ct) : null;
        if (stored is null || (query.Domain is not null && (await storage.Domains.FindAsync(query.Domain, ct))?.UserPoolId != stored.UserPoolId))
        {
            return AuthorizeCheck.Page("Invalid or missing client_id.");
        }

        var client = await clients.DescribeAsync(stored);
        var redirectUri = query.Field("redirect_uri");
        if (redirectUri is null || client.CallbackURLs?.Contains(redirectUri, StringComparer.Ordinal) != true)
        {
            // Cognito's error page says redirect_mismatch.
            return AuthorizeCheck.Page("redirect_mismatch: the redirect_uri is not one of the app client's callback URLs.");
        }

        var state = query.Field("state");
        AuthorizeCheck Fail(string error, string description) => AuthorizeCheck.Redirect(redirectUri, error, description, state);

        if (client.AllowedOAuthFlowsUserPoolClient != true)
        {
            return Fail("unauthorized_client", "The app client is not allowed to use OAuth flows.");
        }

        var responseType = query.Field("response_type");
        switch (responseType)
        {
            case null:
                return Fail("invalid_request", "response_type is missing.");
            case "code" when client.AllowedOAuthFlows?.Contains(OAuthFlowType.code) != true:
                return Fail("unauthorized_client", "The app client is not allowed the code flow.");
            case "token" when client.AllowedOAuthFlows?.Contains(OAuthFlowType.@implicit) != true:
                return Fail("unauthorized_client", "The app client is not allowed the implicit flow.");
            case "code" or "token":
                break;
            default:
                return Fail("unsupported_response_type", "response_type must be code or token.");
        }

        if (client.SupportedIdentityProviders is not { Count: > 0 })
        {
            // Nothing to sign in with: neither the password form (COGNITO) nor a provider. The words are Cognito's page
            // when a client has no usable sign-in option (guessed, docs/hosted-ui-and-oauth.md#parameters-and-client-settings).
            return AuthorizeCheck.Page(NoSignInOption);
        }

        var allowed = client.AllowedOAuthScopes ?? [];
        var scopes = query.Field("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList() ?? [.. allowed];
        if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s, StringComparer.Ordinal)))
        {
            return Fail("invalid_scope", "A requested scope is not allowed for the app client.");
        }

        var challenge = query.Field("code_challenge");
        var method = query.Field("code_challenge_method");
        if ((method is not null && method != "S256") || (method is not null) != (challenge is not null))
        {
            return Fail("invalid_request", "PKCE needs code_challenge with code_challenge_method=S256.");
        }

        var pool = await pools.GetAsync(stored.UserPoolId, ct);
        return AuthorizeCheck.Granted(new AuthorizeGrant(pool, client, redirectUri, scopes, state, challenge, query.Field("nonce"))
        {
            Implicit = responseType == "token",
            SessionCookie = query.Session,
        });
    }
}
