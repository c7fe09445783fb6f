using System.Text.RegularExpressions;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>The names a user pool goes by as an identity-pool provider: Cognito's
/// <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool&gt;</c>, and this server's URL of the pool without its scheme
/// (<c>127.0.0.1:9229/&lt;pool&gt;</c>, or the public URL's host). Amplify builds the name from the ID token's
/// <c>iss</c>, so it sends the second by default and the first with <c>--issuer aws</c>
/// (docs/compatibility-issuer.md). Both name the same provider; logins are stored under the Cognito form
/// (docs/compatibility.md).</summary>
internal sealed partial class UserPoolProviderNames(IIssuerUrls urls)
{
    /// <summary>The user pool id <paramref name="provider"/> names, or null when it names no user pool.</summary>
    public string? PoolIdOf(string? provider)
    {
        if (provider is null)
        {
            return null;
        }

        var match = CognitoForm().Match(provider);
        if (match.Success)
        {
            return match.Groups["pool"].Value;
        }

        var slash = provider.LastIndexOf('/');
        if (slash <= 0 || !PoolId().IsMatch(provider[(slash + 1)..]))
        {
            return null;
        }

        var poolId = provider[(slash + 1)..];
        return string.Equals(provider, WithoutScheme(urls.PoolUrlFor(poolId)), StringComparison.OrdinalIgnoreCase) ? poolId : null;
    }

    /// <summary><paramref name="provider"/> in the Cognito form when it names a user pool; otherwise unchanged.</summary>
    public string Canonical(string provider) => PoolIdOf(provider) is { } poolId ? CognitoName(poolId) : provider;

    /// <summary>Whether two provider names name the same provider.</summary>
    public bool Same(string? a, string? b) =>
        a is not null && b is not null && (string.Equals(a, b, StringComparison.Ordinal) || (PoolIdOf(a) is { } pa && pa == PoolIdOf(b)));

    /// <summary><c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool&gt;</c>, the region taken from the pool id.</summary>
    public static string CognitoName(string poolId) =>
        $"cognito-idp.{poolId[..poolId.IndexOf('_', StringComparison.Ordinal)]}.amazonaws.com/{poolId}";

    /// <summary>Whether a configured provider name has one of the two shapes (the host of the second is checked
    /// when a token is presented, as the public URL may change).</summary>
    public static bool IsWellFormed(string name) => CognitoForm().IsMatch(name) || HostForm().IsMatch(name);

    private static string WithoutScheme(string url) =>
        url.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? url[(i + 3)..] : url;

    [GeneratedRegex(@"^cognito-idp\.(?<region>[a-z0-9-]+)\.amazonaws\.com/(?<pool>[\w-]+_[0-9a-zA-Z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CognitoForm();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/[\w-]+_[0-9a-zA-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostForm();

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolId();
}
