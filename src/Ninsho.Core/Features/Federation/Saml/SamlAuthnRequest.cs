using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>The AuthnRequest of an SP-initiated SAML sign-in, sent with the HTTP-Redirect binding (SAML 2.0
/// Bindings §3.4): the XML deflated, in base64, as <c>SAMLRequest</c> in the query of the IdP's SingleSignOnService,
/// with <c>RelayState</c>; when signed, <c>SigAlg</c> (RSA-SHA256) and <c>Signature</c> over the query as sent
/// (docs/federation.md#saml).</summary>
internal static class SamlAuthnRequest
{
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    /// <summary>The AuthnRequest XML: Ninsho's entity id as Issuer, the ACS URL, the HTTP-POST binding for the answer.</summary>
    public static string Xml(string id, DateTimeOffset now, string destination, string entityId, string acsUrl)
    {
        XNamespace samlp = SamlXml.Protocol;
        XNamespace saml = SamlXml.Assertion;
        var request = new XElement(samlp + "AuthnRequest",
            new XAttribute(XNamespace.Xmlns + "samlp", SamlXml.Protocol),
            new XAttribute(XNamespace.Xmlns + "saml", SamlXml.Assertion),
            new XAttribute("ID", id),
            new XAttribute("Version", "2.0"),
            new XAttribute("IssueInstant", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            new XAttribute("Destination", destination),
            new XAttribute("ProtocolBinding", SamlXml.PostBinding),
            new XAttribute("AssertionConsumerServiceURL", acsUrl),
            new XElement(saml + "Issuer", entityId),
            new XElement(samlp + "NameIDPolicy", new XAttribute("AllowCreate", "true")));
        return request.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The URL the browser is sent to; signed with <paramref name="signingKey"/> when given.</summary>
    public static string RedirectUrl(string ssoUrl, string xml, string relayState, RSA? signingKey)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        var query = "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(buffer.ToArray())) + "&RelayState=" + Uri.EscapeDataString(relayState);
        if (signingKey is not null)
        {
            query += "&SigAlg=" + Uri.EscapeDataString(RsaSha256);
            var signature = signingKey.SignData(Encoding.UTF8.GetBytes(query), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            query += "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(signature));
        }

        return ssoUrl + (ssoUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
