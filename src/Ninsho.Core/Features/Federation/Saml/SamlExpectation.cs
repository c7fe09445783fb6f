namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>What a SAML response must match: the pool's entity id (Audience), the ACS URL (Destination, Recipient),
/// the AuthnRequest it answers (null for an IdP-initiated response, which then must carry no InResponseTo and be
/// issued within <see cref="SamlResponseReader.UnsolicitedMaxAge"/>).</summary>
internal sealed record SamlExpectation(string Audience, string AcsUrl, string? InResponseTo);
