namespace Ninsho.Core;

/// <summary>Where the host says token issuers and the pools' documents live: by default the issuer of a pool is
/// this server's URL of it, <c>{base}/{userPoolId}</c>; with <c>--issuer aws</c> it is Cognito's own,
/// <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c> (docs/compatibility-issuer.md).</summary>
public interface IIssuerUrls
{
    /// <summary>The server's public base URL (no trailing slash), e.g. for upload URLs and OAuth endpoints.</summary>
    string PublicBaseUrl { get; }

    /// <summary>True when tokens carry Cognito's issuer (<c>--issuer aws</c>) rather than this server's URL.</summary>
    bool AwsIssuer { get; }

    /// <summary>This server's URL of a pool, <c>{base}/{userPoolId}</c>: the default issuer, and where the pool's JWKS
    /// and discovery documents are served whichever issuer tokens carry.</summary>
    string PoolUrlFor(string userPoolId) => PublicBaseUrl + "/" + userPoolId;

    /// <summary>The issuer (<c>iss</c>) of the tokens the pool issues now.</summary>
    string IssuerFor(string userPoolId) =>
        AwsIssuer && CognitoIssuerFor(userPoolId) is { } cognito ? cognito : PoolUrlFor(userPoolId);

    /// <summary>Whether <paramref name="issuer"/> is the pool's issuer under either setting, so tokens issued before
    /// the server was restarted with the other setting stay valid (their signature proves they are this pool's).</summary>
    bool IsIssuerOf(string issuer, string userPoolId) =>
        string.Equals(issuer, PoolUrlFor(userPoolId), StringComparison.Ordinal)
        || string.Equals(issuer, CognitoIssuerFor(userPoolId), StringComparison.Ordinal);

    /// <summary>Cognito's issuer of a pool, <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>, the region
    /// taken from the pool id (docs/compatibility-issuer.md); null for an id without a region.</summary>
    static string? CognitoIssuerFor(string userPoolId) =>
        userPoolId.IndexOf('_', StringComparison.Ordinal) is var underscore and > 0
            ? $"https://cognito-idp.{userPoolId[..underscore]}.amazonaws.com/{userPoolId}"
            : null;
}
