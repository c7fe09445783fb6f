namespace Ninsho.Core.Features.Federation;

/// <summary>A federated sign-in that cannot finish: the browser goes back to the app's redirect URI with
/// <c>error=invalid_request</c> and this <see cref="Exception.Message"/> as <c>error_description</c>, as Cognito
/// reports federation failures (docs/federation.md#errors).</summary>
internal sealed class FederationFailure : Exception
{
    public FederationFailure(string description)
        : base(description)
    {
    }

    public FederationFailure(string description, Exception inner)
        : base(description, inner)
    {
    }

    public FederationFailure()
    {
    }

    /// <summary>A failure reported with another <c>error</c> than <c>invalid_request</c> (a rejected SAML response
    /// goes back as <c>server_error</c>, as Cognito's do: docs/federation.md#saml-errors).</summary>
    public FederationFailure(string description, string error)
        : base(description) => Error = error;

    /// <summary>The <c>error</c> the app receives.</summary>
    public string Error { get; } = "invalid_request";
}
