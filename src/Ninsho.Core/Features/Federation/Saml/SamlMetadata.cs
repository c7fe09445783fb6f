using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>What Ninsho reads from a SAML identity provider's metadata (its <c>IDPSSODescriptor</c>): its entity id,
/// the HTTP-Redirect SingleSignOnService and SingleLogoutService, whether it wants signed AuthnRequests, and the
/// certificates it signs with (KeyDescriptor <c>use="signing"</c> or without <c>use</c>; matching any one is enough,
/// as with Cognito: docs/federation.md#saml).</summary>
internal sealed record SamlMetadata
{
    public required string EntityId { get; init; }

    public required string SingleSignOnUrl { get; init; }

    public string? SingleLogoutUrl { get; init; }

    public bool WantAuthnRequestsSigned { get; init; }

    public required IReadOnlyList<byte[]> SigningCertificates { get; init; }

    /// <summary>Reads the metadata; a document Ninsho cannot use throws <see cref="FederationFailure"/>.</summary>
    public static SamlMetadata Parse(string providerName, string xml)
    {
        XmlDocument document;
        try
        {
            document = SamlXml.Load(xml);
        }
        catch (XmlException e)
        {
            throw new FederationFailure($"{providerName} Error - the SAML metadata could not be read", e);
        }

        var root = document.DocumentElement;
        var entity = root is { LocalName: "EntityDescriptor", NamespaceURI: SamlXml.Metadata }
            ? root
            : root?.GetElementsByTagName("EntityDescriptor", SamlXml.Metadata).OfType<XmlElement>().FirstOrDefault();
        var idp = entity is null ? null : SamlXml.Child(entity, SamlXml.Metadata, "IDPSSODescriptor");
        if (entity is null || idp is null)
        {
            throw new FederationFailure($"{providerName} Error - the SAML metadata has no IDPSSODescriptor");
        }

        string? Service(string name) => SamlXml.Children(idp, SamlXml.Metadata, name)
            .FirstOrDefault(s => SamlXml.Attribute(s, "Binding") == SamlXml.RedirectBinding) is { } service ? SamlXml.Attribute(service, "Location") : null;

        var sso = Service("SingleSignOnService")
            ?? throw new FederationFailure($"{providerName} Error - the SAML metadata has no HTTP-Redirect SingleSignOnService");
        var certificates = new List<byte[]>();
        foreach (var key in SamlXml.Children(idp, SamlXml.Metadata, "KeyDescriptor").Where(k => SamlXml.Attribute(k, "use") is null or "signing"))
        {
            foreach (var data in key.GetElementsByTagName("X509Certificate", SamlXml.DSig).OfType<XmlElement>())
            {
                try
                {
                    var der = Convert.FromBase64String(string.Concat(data.InnerText.Where(c => !char.IsWhiteSpace(c))));
                    using var check = X509CertificateLoader.LoadCertificate(der);
                    certificates.Add(der);
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    // A certificate that cannot be read signs nothing we can check; the others may.
                }
            }
        }

        if (certificates.Count == 0)
        {
            throw new FederationFailure($"{providerName} Error - the SAML metadata has no signing certificate");
        }

        return new SamlMetadata
        {
            EntityId = SamlXml.Attribute(entity, "entityID") ?? "",
            SingleSignOnUrl = sso,
            SingleLogoutUrl = Service("SingleLogoutService"),
            WantAuthnRequestsSigned = string.Equals(SamlXml.Attribute(idp, "WantAuthnRequestsSigned"), "true", StringComparison.OrdinalIgnoreCase),
            SigningCertificates = certificates,
        };
    }
}
