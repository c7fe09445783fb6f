namespace Ninsho.Core.Features.WellKnown;

/// <summary>The per-pool discovery documents the host serves over HTTP.</summary>
public interface IWellKnownDocuments
{
    /// <summary>The JWKS JSON of the pool, or null when there is no such pool.</summary>
    Task<string?> JwksAsync(string userPoolId, CancellationToken ct);

    /// <summary>The OpenID configuration JSON of the pool, or null when there is no such pool.</summary>
    Task<byte[]?> OpenIdConfigurationAsync(string userPoolId, CancellationToken ct);
}
