namespace Ninsho.Core.Features.HostedUi;

/// <summary>What an authorization code stands for, kept (under the code's hash) until it is redeemed or expires.</summary>
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
}
