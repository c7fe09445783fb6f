namespace Ninsho.Core.Tokens;

/// <summary>The claims of a validated access token. <see cref="Username"/>, <see cref="OriginJti"/>,
/// <see cref="EventId"/> and <see cref="AuthTime"/> are null when absent (client-credentials tokens carry no
/// user); <see cref="Scope"/> is empty when absent.</summary>
internal sealed record AccessTokenClaims(
    string Sub,
    string? Username,
    string ClientId,
    string? OriginJti,
    string Jti,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Scope,
    string? EventId,
    DateTimeOffset? AuthTime);
