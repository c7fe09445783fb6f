namespace Ninsho.Core.Features.Federation;

/// <summary>What a federated sign-in must remember while the browser is at the other provider, sealed into the
/// <c>state</c> Ninsho sends there (valid 5 minutes, as Cognito's federation requests): the app's authorize request,
/// the domain prefix it came through, the provider, the nonce asked for in its ID token, the <c>redirect_uri</c> given
/// to it, and the hash of the cookie that binds the flow to the browser that started it.</summary>
internal sealed record FederationFlow
{
    public required string ProviderName { get; init; }

    public required Dictionary<string, string> Query { get; init; }

    public string? Domain { get; init; }

    public required string Nonce { get; init; }

    public required string CallbackUrl { get; init; }

    public required string BrowserBinding { get; init; }
}
