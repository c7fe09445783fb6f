using System.Text.Json.Serialization;

namespace Ninsho.Core.SignIn;

/// <summary>The fields a sealed refresh token carries (<see cref="SealedRefreshTokens"/>); times in Unix milliseconds.
/// Short names keep the token short; never rename one (tokens in the wild hold them).</summary>
internal sealed record SealedRefreshTokenPayload
{
    [JsonPropertyName("p")]
    public required string Pool { get; init; }

    [JsonPropertyName("c")]
    public required string Client { get; init; }

    [JsonPropertyName("u")]
    public required string UsernameKey { get; init; }

    [JsonPropertyName("s")]
    public required string Sub { get; init; }

    [JsonPropertyName("o")]
    public required string Origin { get; init; }

    [JsonPropertyName("a")]
    public long AuthTime { get; init; }

    [JsonPropertyName("i")]
    public long IssuedAt { get; init; }

    [JsonPropertyName("e")]
    public long ExpiresAt { get; init; }

    [JsonPropertyName("sc")]
    public string? Scope { get; init; }
}
