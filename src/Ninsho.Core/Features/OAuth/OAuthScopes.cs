using Ninsho.Core.Features.ResourceServers;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.OAuth;

/// <summary>Custom scopes: <c>{resource server identifier}/{scope name}</c>. Scope names cannot contain '/', so
/// the last '/' splits them (identifiers such as <c>https://api.example.com</c> may contain it).</summary>
internal sealed class OAuthScopes(INinshoStorage storage)
{
    /// <summary>The scopes a client-credentials token carries: the requested ones (space-separated), or all the
    /// client's custom scopes when none is asked for. Null when a requested scope is not one of the client's
    /// custom scopes whose resource server still defines it, or when nothing is left to grant.</summary>
    public async Task<IReadOnlyList<string>?> GrantAsync(UserPoolClientType client, string? requested, CancellationToken ct)
    {
        var allowed = client.AllowedOAuthScopes ?? [];
        var asked = requested?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var defined = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        var granted = new List<string>();
        foreach (var scope in asked ?? [.. allowed])
        {
            var known = allowed.Contains(scope, StringComparer.Ordinal) && await IsDefinedAsync(client.UserPoolId!, scope, defined, ct);
            if (known)
            {
                granted.Add(scope);
            }
            else if (asked is not null)
            {
                return null;
            }
        }

        return granted.Count > 0 ? granted : null;
    }

    /// <summary>Whether <paramref name="scope"/> is a custom scope a resource server of the pool defines.</summary>
    public async Task<bool> ExistsAsync(string userPoolId, string scope, CancellationToken ct) =>
        await IsDefinedAsync(userPoolId, scope, new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal), ct);

    public static bool IsCustom(string scope) => scope.LastIndexOf('/') is > 0 and var i && i < scope.Length - 1;

    private async Task<bool> IsDefinedAsync(string userPoolId, string scope, Dictionary<string, HashSet<string>?> cache, CancellationToken ct)
    {
        if (!IsCustom(scope))
        {
            return false;
        }

        var slash = scope.LastIndexOf('/');
        var identifier = scope[..slash];
        if (!cache.TryGetValue(identifier, out var names))
        {
            var server = await storage.ResourceServers.FindAsync(userPoolId, identifier, ct);
            names = server is null ? null : [.. ResourceServerViews.ParseScopes(server.ScopesJson).Select(s => s.ScopeName)];
            cache[identifier] = names;
        }

        return names is not null && names.Contains(scope[(slash + 1)..]);
    }
}
