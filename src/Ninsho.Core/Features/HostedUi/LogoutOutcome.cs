namespace Ninsho.Core.Features.HostedUi;

/// <summary>The answer to <c>/logout</c>: where to send the browser (null: the request is invalid, show the error
/// page), and the browser's <c>cognito</c> cookie without the pool's session (null: delete the cookie).</summary>
public sealed record LogoutOutcome(string? Target, string? SessionCookie);
