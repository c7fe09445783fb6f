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
}
