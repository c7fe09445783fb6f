namespace Ninsho.Core.Features.HostedUi;

/// <summary>What an authorization code stands for, kept (under the code's hash) until it expires. Once redeemed it
/// stays as a marker, so that presenting the code again can revoke what it gave (docs/security-hosted-ui.md).</summary>
internal sealed record IssuedCode
{
    public required string ClientId { get; init; }
    public required string UsernameKey { get; init; }
    public required string RedirectUri { get; init; }
    public required string Scope { get; init; }
    public string? CodeChallenge { get; init; }
    public string? Nonce { get; init; }
    public required DateTimeOffset AuthTime { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the code was exchanged for tokens; a code is exchanged once.</summary>
    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>The hash of the refresh token the exchange gave, once the tokens are issued.</summary>
    public string? RefreshTokenHash { get; init; }

    /// <summary>Set when the code was presented again before its refresh token was recorded: the exchange that is
    /// still under way must then revoke its own refresh token and refuse.</summary>
    public bool Replayed { get; init; }
}
