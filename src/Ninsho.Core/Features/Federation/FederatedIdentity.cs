namespace Ninsho.Core.Features.Federation;

/// <summary>Who another identity provider says signed in, whatever its protocol (OIDC, a social provider, later
/// SAML): the provider, the subject it names the person by (OIDC <c>sub</c>, Facebook <c>id</c>, Amazon
/// <c>user_id</c>, SAML's NameID), the issuer shown in the <c>identities</c> attribute (null for social providers),
/// and every attribute it sent, flattened to strings. <see cref="FederatedUsers"/> turns it into the pool's user.</summary>
internal sealed record FederatedIdentity(
    string ProviderName,
    string ProviderType,
    string Subject,
    string? Issuer,
    IReadOnlyDictionary<string, string> Claims);
