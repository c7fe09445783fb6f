using System.Globalization;
using System.Xml;

namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>XML reading for SAML: documents are parsed with no DTD and no resolver (no entity expansion, no
/// outside fetches), and elements are found by namespace and local name, never by prefix.</summary>
internal static class SamlXml
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string DSig = "http://www.w3.org/2000/09/xmldsig#";
    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    /// <summary>Parses <paramref name="xml"/> safely, whitespace kept (signatures cover it).</summary>
    public static XmlDocument Load(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = false,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, settings);
        document.Load(reader);
        return document;
    }

    /// <summary>The element's child elements named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string name) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name && e.NamespaceURI == ns);

    public static XmlElement? Child(XmlElement parent, string ns, string name) => Children(parent, ns, name).FirstOrDefault();

    /// <summary>An attribute's value, null when absent.</summary>
    public static string? Attribute(XmlElement element, string name) => element.HasAttribute(name) ? element.GetAttribute(name) : null;

    /// <summary>An <c>xs:dateTime</c> attribute, null when absent; a bad value throws <see cref="FormatException"/>.</summary>
    public static DateTimeOffset? Time(XmlElement element, string name) =>
        Attribute(element, name) is { } value
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}
