namespace Ninsho.Core.Tokens;

/// <summary>Why <see cref="AccessTokenValidator"/> rejected a token.</summary>
internal enum AccessTokenFailure
{
    None = 0,

    /// <summary>Not a three-part JWS with a readable header and payload, a <c>kid</c>, <c>alg</c> RS256 and the
    /// required claims.</summary>
    Malformed,

    /// <summary>The header's <c>kid</c> is not one of the pool's keys.</summary>
    UnknownKey,

    BadSignature,
    Expired,

    /// <summary><c>token_use</c> is not <c>access</c>, or the token was signed with the pool's ID-token key.</summary>
    WrongUse,

    WrongIssuer,
}
