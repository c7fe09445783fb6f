namespace Ninsho.Core.Features.HostedUi;

/// <summary>The hosted UI's sign-in sessions a browser holds, sealed into its <c>cognito</c> cookie: one entry per
/// pool (Cognito's cookie lives on the pool's domain; Ninsho's root routes serve every pool on one host, so one
/// cookie carries an entry for each pool signed in to).</summary>
internal sealed record HostedUiSessionList
{
    public IReadOnlyList<HostedUiSessionEntry> Sessions { get; init; } = [];
}
