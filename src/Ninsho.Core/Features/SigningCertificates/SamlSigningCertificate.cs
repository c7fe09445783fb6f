using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ninsho.Core.Features.SigningCertificates;

/// <summary>A pool's SAML signing certificate: self-signed, RSA 2048 with SHA-256, valid ten years (Cognito's
/// documented validity), subject <c>CN={pool id}, O=Ninsho</c>.</summary>
internal static class SamlSigningCertificate
{
    public const int ValidityYears = 10;

    /// <summary>The certificate (DER) and its private key (PKCS#8).</summary>
    public static (byte[] Certificate, byte[] PrivateKey) Create(string userPoolId, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(userPoolId);
        subject.AddOrganizationName("Ninsho");
        var request = new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = now.AddMinutes(-5);
        using var certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(ValidityYears));
        return (certificate.Export(X509ContentType.Cert), rsa.ExportPkcs8PrivateKey());
    }
}
