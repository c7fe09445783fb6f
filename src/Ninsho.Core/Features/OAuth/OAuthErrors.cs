namespace Ninsho.Core.Features.OAuth;

/// <summary>The OAuth 2.0 error codes of the token endpoint (RFC 6749 §5.2).</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string UnsupportedTokenType = "unsupported_token_type";
}
