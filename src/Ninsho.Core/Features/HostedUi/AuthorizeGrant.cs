using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>A checked authorize request: the client, where to send the user back, and what the code will grant.</summary>
internal sealed record AuthorizeGrant(
    UserPoolSettings Pool,
    UserPoolClientType Client,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? State,
    string? CodeChallenge,
    string? Nonce)
{
    /// <summary><c>response_type=token</c>: tokens in the redirect's fragment instead of a code.</summary>
    public bool Implicit { get; init; }

    /// <summary>The browser's <c>cognito</c> cookie as the request brought it (its sign-in sessions), kept so the
    /// sign-in that ends on a later page adds its session to it.</summary>
    public string? SessionCookie { get; init; }
}
