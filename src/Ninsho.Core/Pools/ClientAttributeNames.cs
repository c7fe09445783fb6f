using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Pools;

/// <summary>An app client's ReadAttributes and WriteAttributes may name only attributes the pool's schema has
/// (docs/compatibility-schema.md, "App client attributes").</summary>
internal static class ClientAttributeNames
{
    public static void Check(UserPoolSettings pool, IReadOnlyList<string>? read, IReadOnlyList<string>? write, bool creating)
    {
        var names = pool.Schema.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (read?.Any(a => !names.Contains(a)) == true)
        {
            throw CognitoErrors.InvalidClientAttributes(write: false, creating);
        }

        if (write?.Any(a => !names.Contains(a)) == true)
        {
            throw CognitoErrors.InvalidClientAttributes(write: true, creating);
        }
    }
}
