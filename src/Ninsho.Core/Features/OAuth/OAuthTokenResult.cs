namespace Ninsho.Core.Features.OAuth;

/// <summary>The answer: tokens (status 200) or an OAuth error with its HTTP status.</summary>
public sealed record OAuthTokenResult
{
    public int Status { get; init; } = 200;

    /// <summary>The OAuth error code, when <see cref="Status"/> is not 200.</summary>
    public string? Error { get; init; }

    /// <summary>True when the error must carry <c>WWW-Authenticate: Basic</c> (client authentication by header failed).</summary>
    public bool Challenge { get; init; }

    public string? AccessToken { get; init; }
    public string? IdToken { get; init; }
    public string? RefreshToken { get; init; }
    public long ExpiresIn { get; init; }

    /// <summary>The revocation endpoint's success: status 200, no body.</summary>
    public static OAuthTokenResult Revoked { get; } = new();

    public bool IsEmpty => Error is null && AccessToken is null;

    public static OAuthTokenResult Fail(string error, int status = 400, bool challenge = false) =>
        new() { Status = status, Error = error, Challenge = challenge };
}
