using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>Which of a user's attributes an app client may read (GetUser, the ID token): those in its
/// ReadAttributes when it lists any, else all; <c>sub</c> always (docs/cognito-behaviour.md#id-token-claims). Admin reads are not
/// filtered.</summary>
internal static class ClientAttributeAccess
{
    /// <summary>The names the client may read, or null when it may read every attribute.</summary>
    public static IReadOnlySet<string>? Readable(UserPoolClientType client) =>
        client.ReadAttributes is { Count: > 0 } listed ? new HashSet<string>(listed.Append("sub"), StringComparer.Ordinal) : null;

    /// <summary>The ID token's attributes: the readable ones without developer-only (<c>dev:</c>) ones.</summary>
    public static Dictionary<string, string> ForIdToken(UserPoolClientType client, StoredUser user)
    {
        var readable = Readable(client);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in user.Attributes)
        {
            if (!name.StartsWith("dev:", StringComparison.Ordinal) && (readable is null || readable.Contains(name)))
            {
                result[name] = value;
            }
        }

        return result;
    }
}
