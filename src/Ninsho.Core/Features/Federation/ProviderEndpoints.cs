namespace Ninsho.Core.Features.Federation;

/// <summary>Where a provider's endpoints are, once its details, its discovery document and any
/// <c>--federation-endpoint</c> stand-in are taken into account.</summary>
internal sealed record ProviderEndpoints
{
    public required string Authorize { get; init; }

    public required string Token { get; init; }

    /// <summary>GET (Facebook: the code in the query) or POST (a form).</summary>
    public string TokenMethod { get; init; } = "POST";

    /// <summary>The userinfo (or profile) endpoint; null when the provider has none (Apple).</summary>
    public string? Attributes { get; init; }

    /// <summary>GET or POST (OIDC's <c>attributes_request_method</c>).</summary>
    public string AttributesMethod { get; init; } = "GET";

    /// <summary>Whether the names of the mapped attributes are appended to <see cref="Attributes"/> (Google's
    /// <c>personFields=</c>, Facebook's <c>fields=</c>).</summary>
    public bool AddAttributes { get; init; }

    /// <summary>The JWKS that signs the provider's ID tokens; null for providers that send none (Facebook, Amazon).</summary>
    public string? Jwks { get; init; }

    /// <summary>The <c>iss</c> values its ID tokens may carry.</summary>
    public IReadOnlyList<string> Issuers { get; init; } = [];
}
