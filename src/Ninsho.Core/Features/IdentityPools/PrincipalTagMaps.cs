using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Principal tag maps (attributes for access control): stored per identity provider of the pool. With
/// UseDefaults and no tags of its own, a user-pool provider maps <c>username</c> to <c>sub</c> and <c>client</c> to
/// <c>aud</c> (AWS's documented defaults). Ninsho issues no real STS credentials, so the map is kept and shown but
/// tags nothing.</summary>
internal static class PrincipalTagMaps
{
    public static IReadOnlyDictionary<string, string> Defaults { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = "sub", ["client"] = "aud" };

    /// <summary>The provider name when the pool has such a provider; InvalidParameterException otherwise.</summary>
    public static string RequireProvider(IdentityPoolConfig config, string provider)
    {
        var pool = config.Pool;
        var known = pool.CognitoIdentityProviders?.Any(p => p.ProviderName == provider) == true
            || pool.SupportedLoginProviders?.ContainsKey(provider) == true
            || pool.OpenIdConnectProviderARNs?.Contains(provider) == true
            || pool.SamlProviderARNs?.Contains(provider) == true;
        return known ? provider : throw CognitoErrors.UnknownIdentityPoolProvider(provider);
    }

    public static IReadOnlyDictionary<string, string> Effective(PrincipalTagMap? map) =>
        map switch
        {
            null => new Dictionary<string, string>(StringComparer.Ordinal),
            { PrincipalTags.Count: > 0 } => map.PrincipalTags,
            { UseDefaults: true } => Defaults,
            _ => new Dictionary<string, string>(StringComparer.Ordinal),
        };
}
