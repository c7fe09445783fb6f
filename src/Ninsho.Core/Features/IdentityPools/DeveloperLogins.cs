using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Developer-authenticated identities: a user identifier of the pool's developer provider is a login like
/// any other, keyed <c>provider|identifier</c>, so an identifier belongs to at most one identity of the pool.</summary>
internal static class DeveloperLogins
{
    public const int MaxIdentifierLength = 1024;

    public static string Key(string provider, string userIdentifier) => provider + "|" + userIdentifier;

    /// <summary>The developer user identifiers among an identity's logins, in login-key order.</summary>
    public static IReadOnlyList<string> Identifiers(IEnumerable<IdentityLogin> logins, string provider) =>
        [.. logins.Where(l => l.Provider == provider).Select(l => l.LoginKey[(provider.Length + 1)..])];

    /// <summary>The pool's developer provider when <paramref name="name"/> is it; otherwise Cognito's refusal.</summary>
    public static string Require(IdentityPoolConfig config, string? name) =>
        config.Pool.DeveloperProviderName is { Length: > 0 } developer && (name is null || name == developer)
            ? developer
            : throw CognitoErrors.DeveloperProviderNotSupported();

    public static void CheckIdentifier(string? userIdentifier)
    {
        if (userIdentifier is not { Length: > 0 and <= MaxIdentifierLength })
        {
            throw CognitoErrors.DeveloperUserIdentifierLength(MaxIdentifierLength);
        }
    }

    /// <summary>The identity of the pool, or ResourceNotFoundException.</summary>
    public static async Task<StoredIdentity> FindInPoolAsync(INinshoStorage storage, string identityPoolId, string identityId, CancellationToken ct) =>
        await storage.IdentityPools.FindIdentityAsync(identityId, ct) is { } identity && identity.IdentityPoolId == identityPoolId
            ? identity
            : throw CognitoErrors.IdentityNotFound(identityId);
}
