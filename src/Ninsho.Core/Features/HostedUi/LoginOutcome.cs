namespace Ninsho.Core.Features.HostedUi;

/// <summary>The answer to a login form: the request was not acceptable (<see cref="Check"/>, not a grant); the
/// form again with a message; or the redirect back to the client with the code.</summary>
public sealed record LoginOutcome
{
    public required AuthorizeCheck Check { get; init; }

    /// <summary>The message to show above the form, when the sign-in did not succeed.</summary>
    public string? FormError { get; init; }

    /// <summary>The client's redirect URI with <c>code</c> and <c>state</c>.</summary>
    public string? Redirect { get; init; }

    /// <summary>The page of the challenge that follows the password (a new password, MFA).</summary>
    public HostedUiPage? Page { get; init; }
}
