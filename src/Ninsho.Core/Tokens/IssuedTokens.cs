namespace Ninsho.Core.Tokens;

/// <summary>A freshly minted token pair. Times are whole seconds, as written into the tokens.</summary>
internal sealed record IssuedTokens(
    string AccessToken,
    string IdToken,
    string AccessTokenJti,
    string IdTokenJti,
    DateTimeOffset IssuedAt,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset IdTokenExpiresAt);
