namespace Ninsho.Core.SignIn;

/// <summary>What the hosted UI's code flow adds to a sign-in's tokens: the granted scopes (space-separated) and the
/// nonce the authorize request sent, if any. <see cref="Implicit"/>: the implicit flow, which gets no refresh token.</summary>
internal sealed record OAuthSignIn(string Scope, string? Nonce)
{
    public bool Implicit { get; init; }

    /// <summary>When the person signed in, for <c>auth_time</c>: the hosted UI's session keeps it, so tokens from a
    /// reused session carry the first sign-in's time (null: now).</summary>
    public DateTimeOffset? AuthTime { get; init; }
}
