namespace Ninsho.Core.Features.HostedUi;

/// <summary>One pool's session: who signed in and when, the session's id (what <c>/logout</c> ends on the server)
/// and when it lapses (an hour after the last sign-in or reuse).</summary>
internal sealed record HostedUiSessionEntry
{
    public required string UserPoolId { get; init; }
    public required string UsernameKey { get; init; }
    public required string SessionId { get; init; }
    public required DateTimeOffset AuthTime { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}
