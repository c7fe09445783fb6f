using System.Text.Json;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ResourceServers;

/// <summary>How a stored resource server appears on the wire, and how its scopes are stored.</summary>
internal static class ResourceServerViews
{
    /// <summary>Cognito's quota of resource servers per user pool.</summary>
    public const int MaxPerPool = 25;

    public static ResourceServerType ToResourceServerType(StoredResourceServer server) => new()
    {
        UserPoolId = server.UserPoolId,
        Identifier = server.Identifier,
        Name = server.Name,
        Scopes = ParseScopes(server.ScopesJson),
    };

    public static List<ResourceServerScopeType> ParseScopes(string json) =>
        JsonSerializer.Deserialize(json, CoreJsonContext.Default.ListResourceServerScopeType) ?? [];

    /// <summary>The scopes to store: refuses a scope name given twice (a custom scope is <c>identifier/name</c>,
    /// so names are unique within a resource server).</summary>
    public static string SerializeScopes(IReadOnlyList<ResourceServerScopeType>? scopes)
    {
        var list = scopes?.ToList() ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in list)
        {
            if (!seen.Add(scope.ScopeName))
            {
                throw CognitoErrors.DuplicateScope(scope.ScopeName);
            }
        }

        return JsonSerializer.Serialize(list, CoreJsonContext.Default.ListResourceServerScopeType);
    }
}
