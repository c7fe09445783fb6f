namespace Ninsho.Core.Features.OAuth;

/// <summary>The logic of <c>POST /oauth2/token</c>; the host parses the form and the Basic header and writes the
/// JSON answer.</summary>
public interface IOAuthTokenEndpoint
{
    /// <summary>Tokens for the request, or the OAuth error to answer.</summary>
    Task<OAuthTokenResult> TokenAsync(OAuthTokenRequest request, CancellationToken ct);

    /// <summary><c>POST /oauth2/revoke</c>: revokes a refresh token of the authenticated client (status 200 with an
    /// empty body, also for a token that is unknown), or the OAuth error to answer.</summary>
    Task<OAuthTokenResult> RevokeAsync(OAuthTokenRequest request, CancellationToken ct);
}
