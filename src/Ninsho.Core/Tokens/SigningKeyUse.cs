namespace Ninsho.Core.Tokens;

/// <summary>Values of <see cref="Ninsho.Storage.StoredSigningKey.Use"/>: Cognito signs ID tokens and access tokens
/// with different keys, so every pool has one of each.</summary>
internal static class SigningKeyUse
{
    public const string Id = "id";
    public const string Access = "access";
}
