namespace Ninsho.Core.Features.SigningCertificates;

/// <summary>The body of a <c>signing-certificate</c> pool resource.</summary>
internal sealed record StoredSigningCertificate
{
    /// <summary>The X.509 certificate, DER in base64 (what GetSigningCertificate returns).</summary>
    public required string Certificate { get; init; }

    /// <summary>Its RSA private key (PKCS#8, base64), sealed like client secrets (see
    /// <see cref="Security.ClientSecretSealer"/>, bound to <c>saml-signing:{pool id}</c>); it signs the pool's
    /// SAML AuthnRequests when a provider asks for signed requests (<see cref="SamlSigningKeys"/>).</summary>
    public required string SealedPrivateKey { get; init; }
}
