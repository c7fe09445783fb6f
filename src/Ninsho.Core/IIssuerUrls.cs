namespace Ninsho.Core;

/// <summary>Where the host says token issuers live: <c>{base}/{userPoolId}</c>.</summary>
public interface IIssuerUrls
{
    /// <summary>The issuer (<c>iss</c>) of tokens of the given pool.</summary>
    string IssuerFor(string userPoolId);

    /// <summary>The server's public base URL (no trailing slash), e.g. for upload URLs.</summary>
    string PublicBaseUrl => IssuerFor(string.Empty).TrimEnd('/');
}
