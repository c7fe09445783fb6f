using Ninsho.Core.Features.HostedUi;

namespace Ninsho.Core.Features.Federation;

/// <summary>What the host does next in a federated sign-in: redirect (to the provider, setting the flow cookie, or
/// back to the app, clearing it), refuse the authorize request as the hosted UI does (<see cref="Check"/>), show
/// the login page with <see cref="LoginError"/>, or show an error page.</summary>
public sealed record FederationStep
{
    public string? Redirect { get; init; }

    /// <summary>The value of the flow cookie to set with <see cref="Redirect"/>, when starting.</summary>
    public string? SetCookie { get; init; }

    /// <summary>The new value of the browser's <c>cognito</c> session cookie when the sign-in ended.</summary>
    public string? SessionCookie { get; init; }

    /// <summary>A refused authorize request (not a grant).</summary>
    public AuthorizeCheck? Check { get; init; }

    /// <summary>The banner above the login page (the grant in <see cref="Check"/>), e.g. for a provider the client
    /// does not offer.</summary>
    public string? LoginError { get; init; }

    /// <summary>The message of a 400 error page, when nothing can be redirected to.</summary>
    public string? PageError { get; init; }
}
