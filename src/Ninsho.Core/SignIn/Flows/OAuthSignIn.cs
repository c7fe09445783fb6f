namespace Ninsho.Core.SignIn;

/// <summary>What the hosted UI's code flow adds to a sign-in's tokens: the granted scopes (space-separated) and the
/// nonce the authorize request sent, if any. <see cref="Implicit"/>: the implicit flow, which gets no refresh token.</summary>
internal sealed record OAuthSignIn(string Scope, string? Nonce)
{
    public bool Implicit { get; init; }
}
