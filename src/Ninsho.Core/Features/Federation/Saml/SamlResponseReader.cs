using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>Reads and verifies a SAML response posted to <c>/saml2/idpresponse</c> (docs/federation.md#saml):
/// <list type="bullet">
/// <item>the XML is parsed without DTDs or resolvers; the root is a <c>samlp:Response</c> with status Success and
/// exactly one plain <c>saml:Assertion</c> (an encrypted one is refused);</item>
/// <item>the Response or the Assertion carries an XML signature that verifies with one of the IdP's metadata
/// certificates (and every signature present must verify). Against signature wrapping, a signature counts only when
/// its one Reference names, by <c>#ID</c>, the very element that is read (the Response root or its Assertion child),
/// that id is carried by no other element of the document, and its transforms are the enveloped-signature and
/// canonicalization ones;</item>
/// <item>Audience, Destination and Recipient, NotBefore/NotOnOrAfter with <see cref="Skew"/>, InResponseTo, the
/// issuer (the IdP's entity id).</item>
/// </list>
/// Every failure throws <see cref="FederationFailure"/> with <c>server_error</c> and
/// <c>Invalid SAML response received: …</c>, as Cognito words a bad signature.</summary>
internal static class SamlResponseReader
{
    /// <summary>Clock skew allowed on the assertion's times (the same 5 minutes as for OIDC ID tokens; guessed).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>An IdP-initiated assertion must have been issued within the last 6 minutes (Cognito's rule).</summary>
    public static readonly TimeSpan UnsolicitedMaxAge = TimeSpan.FromMinutes(6);

    /// <summary>Cognito's ACS takes SAML responses of up to 100,000 characters.</summary>
    public const int MaxResponseChars = 100_000;

    private static readonly HashSet<string> AllowedTransforms = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigEnvelopedSignatureTransformUrl,
        SignedXml.XmlDsigExcC14NTransformUrl,
        SignedXml.XmlDsigExcC14NWithCommentsTransformUrl,
        SignedXml.XmlDsigC14NTransformUrl,
        SignedXml.XmlDsigC14NWithCommentsTransformUrl,
    };

    /// <summary>The response's XML, or a failure when <paramref name="samlResponse"/> is not base64 of a document.</summary>
    public static XmlDocument Decode(string? samlResponse)
    {
        if (string.IsNullOrEmpty(samlResponse) || samlResponse.Length > MaxResponseChars)
        {
            throw Invalid("the SAMLResponse is missing or longer than 100,000 characters");
        }

        try
        {
            return SamlXml.Load(Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse)));
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw Invalid("the SAMLResponse is not base64-encoded XML");
        }
    }

    public static SamlAssertion Read(XmlDocument document, SamlMetadata metadata, SamlExpectation expected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(expected);
        var response = document.DocumentElement;
        if (response is not { LocalName: "Response", NamespaceURI: SamlXml.Protocol })
        {
            throw Invalid("the document is not a SAML Response");
        }

        var status = SamlXml.Child(response, SamlXml.Protocol, "Status") is { } s ? SamlXml.Child(s, SamlXml.Protocol, "StatusCode") : null;
        var statusValue = status is null ? null : SamlXml.Attribute(status, "Value");
        if (statusValue != "urn:oasis:names:tc:SAML:2.0:status:Success")
        {
            throw Invalid($"the identity provider answered with status {statusValue ?? "(none)"}");
        }

        if (SamlXml.Children(response, SamlXml.Assertion, "EncryptedAssertion").Any())
        {
            throw Invalid("encrypted assertions are not accepted for this identity provider");
        }

        var assertions = SamlXml.Children(response, SamlXml.Assertion, "Assertion").ToList();
        if (assertions.Count != 1)
        {
            throw Invalid("the response must hold exactly one assertion");
        }

        var assertion = assertions[0];
        var responseSigned = VerifySignature(document, response, metadata, "SAML Response");
        var assertionSigned = VerifySignature(document, assertion, metadata, "SAML Assertion");
        if (!responseSigned && !assertionSigned)
        {
            throw Invalid("neither the SAML Response nor the SAML Assertion is signed");
        }

        // From here on only the two verified elements are read.
        if (SamlXml.Attribute(response, "Destination") is { } destination && destination != expected.AcsUrl)
        {
            throw Invalid($"the Destination {destination} is not {expected.AcsUrl}");
        }

        var issuer = SamlXml.Child(assertion, SamlXml.Assertion, "Issuer")?.InnerText.Trim();
        if (metadata.EntityId.Length > 0 && issuer != metadata.EntityId)
        {
            throw Invalid($"the assertion's Issuer {issuer} is not the identity provider's entity id");
        }

        var responseInResponseTo = SamlXml.Attribute(response, "InResponseTo");
        var subject = SamlXml.Child(assertion, SamlXml.Assertion, "Subject") ?? throw Invalid("the assertion has no Subject");
        var nameId = SamlXml.Child(subject, SamlXml.Assertion, "NameID")?.InnerText.Trim();
        if (string.IsNullOrEmpty(nameId))
        {
            throw Invalid("the assertion has no NameID");
        }

        DateTimeOffset validUntil;
        try
        {
            validUntil = CheckTimes(assertion, subject, expected, responseInResponseTo, now);
        }
        catch (FormatException)
        {
            throw Invalid("a time of the assertion cannot be read");
        }

        var audiences = (SamlXml.Child(assertion, SamlXml.Assertion, "Conditions") is { } conditions
            ? SamlXml.Children(conditions, SamlXml.Assertion, "AudienceRestriction").SelectMany(r => SamlXml.Children(r, SamlXml.Assertion, "Audience"))
            : []).Select(a => a.InnerText.Trim()).ToList();
        if (!audiences.Contains(expected.Audience, StringComparer.Ordinal))
        {
            throw Invalid($"the Audience is not {expected.Audience}");
        }

        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var statement in SamlXml.Children(assertion, SamlXml.Assertion, "AttributeStatement"))
        {
            foreach (var attribute in SamlXml.Children(statement, SamlXml.Assertion, "Attribute"))
            {
                if (SamlXml.Attribute(attribute, "Name") is { Length: > 0 } name)
                {
                    attributes[name] = [.. SamlXml.Children(attribute, SamlXml.Assertion, "AttributeValue").Select(v => v.InnerText)];
                }
            }
        }

        var id = SamlXml.Attribute(assertion, "ID") ?? throw Invalid("the assertion has no ID");
        return new SamlAssertion(id, nameId, attributes, validUntil);
    }

    private static DateTimeOffset CheckTimes(XmlElement assertion, XmlElement subject, SamlExpectation expected, string? responseInResponseTo, DateTimeOffset now)
    {
        var conditions = SamlXml.Child(assertion, SamlXml.Assertion, "Conditions");
        if (conditions is not null && SamlXml.Time(conditions, "NotBefore") is { } notBefore && now + Skew < notBefore)
        {
            throw Invalid("the assertion is not yet valid (NotBefore)");
        }

        var validUntil = now + UnsolicitedMaxAge;
        if (conditions is not null && SamlXml.Time(conditions, "NotOnOrAfter") is { } notOnOrAfter)
        {
            if (now - Skew >= notOnOrAfter)
            {
                throw Invalid("the assertion has expired (NotOnOrAfter)");
            }

            validUntil = notOnOrAfter;
        }

        var bearer = SamlXml.Children(subject, SamlXml.Assertion, "SubjectConfirmation")
            .FirstOrDefault(c => SamlXml.Attribute(c, "Method") == "urn:oasis:names:tc:SAML:2.0:cm:bearer")
            ?? throw Invalid("the assertion has no bearer SubjectConfirmation");
        var data = SamlXml.Child(bearer, SamlXml.Assertion, "SubjectConfirmationData") ?? throw Invalid("the SubjectConfirmation has no SubjectConfirmationData");
        if (SamlXml.Attribute(data, "Recipient") is { } recipient && recipient != expected.AcsUrl)
        {
            throw Invalid($"the Recipient {recipient} is not {expected.AcsUrl}");
        }

        if (SamlXml.Time(data, "NotOnOrAfter") is { } confirmUntil)
        {
            if (now - Skew >= confirmUntil)
            {
                throw Invalid("the assertion has expired (SubjectConfirmationData NotOnOrAfter)");
            }

            validUntil = confirmUntil < validUntil ? confirmUntil : validUntil;
        }

        var inResponseTo = SamlXml.Attribute(data, "InResponseTo");
        if (expected.InResponseTo is { } requestId)
        {
            if (inResponseTo != requestId || (responseInResponseTo is not null && responseInResponseTo != requestId))
            {
                throw Invalid("the response does not answer this sign-in's AuthnRequest (InResponseTo)");
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(inResponseTo) || !string.IsNullOrEmpty(responseInResponseTo))
            {
                throw Invalid("an IdP-initiated response must not carry InResponseTo");
            }

            var issued = SamlXml.Time(assertion, "IssueInstant") ?? throw Invalid("the assertion has no IssueInstant");
            if (now - issued > UnsolicitedMaxAge || issued - now > Skew)
            {
                throw Invalid("an IdP-initiated assertion must have been issued within the last 6 minutes");
            }
        }

        return validUntil;
    }

    /// <summary>Whether <paramref name="element"/> carries a signature (a <c>ds:Signature</c> child); if it does,
    /// the signature must reference exactly this element and verify with a metadata certificate.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "SignedXml creates transforms and algorithms by URI; the signature is rejected unless every transform is one of AllowedTransforms (no XSLT). It makes the signature checker and the signature's hash by name (CryptoConfig: RSAPKCS1SignatureDeformatter, SHA256Managed…), which the DynamicDependency attributes keep: the SAML wire tests pass on the Native AOT build.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(RSAPKCS1SignatureDeformatter))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(DSASignatureDeformatter))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, "System.Security.Cryptography.SHA1CryptoServiceProvider", "System.Security.Cryptography")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, "System.Security.Cryptography.SHA256Managed", "System.Security.Cryptography")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, "System.Security.Cryptography.SHA384Managed", "System.Security.Cryptography")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, "System.Security.Cryptography.SHA512Managed", "System.Security.Cryptography")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only XmlDsigXsltTransform needs dynamic code, and a signature naming it is rejected before it is checked (AllowedTransforms).")]
    private static bool VerifySignature(XmlDocument document, XmlElement element, SamlMetadata metadata, string what)
    {
        var signatures = SamlXml.Children(element, SamlXml.DSig, "Signature").ToList();
        if (signatures.Count == 0)
        {
            return false;
        }

        if (signatures.Count > 1)
        {
            throw Invalid($"{what} carries more than one signature");
        }

        var id = SamlXml.Attribute(element, "ID");
        if (string.IsNullOrEmpty(id) || CountId(document.DocumentElement!, id) != 1)
        {
            throw Invalid($"{what} signature is invalid.");
        }

        var signed = new SignedXml(element);
        try
        {
            signed.LoadXml(signatures[0]);
        }
        catch (CryptographicException)
        {
            throw Invalid($"{what} signature is invalid.");
        }

        if (signed.SignedInfo is not { } info || info.References.Count != 1 || info.References[0] is not Reference reference
            || reference.Uri != "#" + id
            || Enumerable.Range(0, reference.TransformChain.Count).Any(i => !AllowedTransforms.Contains(reference.TransformChain[i].Algorithm ?? "")))
        {
            throw Invalid($"{what} signature is invalid.");
        }

        foreach (var der in metadata.SigningCertificates)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            try
            {
                if (signed.CheckSignature(certificate, verifySignatureOnly: true))
                {
                    return true;
                }
            }
            catch (CryptographicException)
            {
                // Not this certificate's kind of key: try the next.
            }
        }

        throw Invalid($"{what} signature is invalid.");
    }

    /// <summary>How many elements carry <paramref name="id"/> in an <c>ID</c>, <c>Id</c> or <c>id</c> attribute
    /// (the names SignedXml resolves a reference by).</summary>
    private static int CountId(XmlElement root, string id) =>
        root.SelectNodes("descendant-or-self::*")!.OfType<XmlElement>()
            .Count(e => e.GetAttribute("ID") == id || e.GetAttribute("Id") == id || e.GetAttribute("id") == id);

    private static FederationFailure Invalid(string reason) =>
        new("Invalid SAML response received: " + (reason.EndsWith('.') ? reason : reason + "."), "server_error");
}
