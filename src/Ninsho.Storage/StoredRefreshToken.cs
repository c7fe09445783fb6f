namespace Ninsho.Storage;

/// <summary>A refresh token as stored: only its SHA-256 hash is kept, never the token.</summary>
public sealed record StoredRefreshToken
{
    /// <summary>Lower-case hex SHA-256 of the token string.</summary>
    public required string TokenHash { get; init; }

    public required string UserPoolId { get; init; }
    public required string ClientId { get; init; }

    /// <summary>The user's <see cref="StoredUser.UsernameKey"/>.</summary>
    public required string UsernameKey { get; init; }

    /// <summary>The jti of the authentication the token came from; access tokens carry it as <c>origin_jti</c>. Every
    /// token that refresh token rotation makes from one sign-in keeps it, so it names the token's family.</summary>
    public required string OriginJti { get; init; }

    public required DateTimeOffset AuthTime { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The space-separated OAuth scopes the token grants (the hosted UI's code flow); null for the native
    /// API's tokens, whose access tokens carry <c>aws.cognito.signin.user.admin</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>Set once the token has been rotated out (its client rotates refresh tokens): it still works until
    /// this instant, the client's retry grace period, and is refused from then on.</summary>
    public DateTimeOffset? RotatedUntil { get; init; }
}
