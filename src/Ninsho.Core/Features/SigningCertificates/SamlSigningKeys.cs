using System.Security.Cryptography;
using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Security;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.SigningCertificates;

/// <summary>A pool's SAML signing certificate and key, made on first use and kept as a pool resource, so that every
/// later call and every node uses the same one: GetSigningCertificate returns the certificate, and signed
/// AuthnRequests are signed with its key. When two nodes make one at once, the first stored wins. Cognito's yearly
/// renewal is not modelled.</summary>
internal sealed class SamlSigningKeys(INinshoStorage storage, ClientSecretSealer sealer, TimeProvider clock)
{
    public const string Kind = PoolResourceKinds.SigningCertificate;
    public const string Name = "saml";

    /// <summary>The certificate, DER in base64.</summary>
    public async Task<string> CertificateAsync(string userPoolId, CancellationToken ct) => (await BodyAsync(userPoolId, ct)).Certificate;

    /// <summary>The certificate's RSA private key; the caller disposes it.</summary>
    public async Task<RSA> PrivateKeyAsync(string userPoolId, CancellationToken ct)
    {
        var body = await BodyAsync(userPoolId, ct);
        var pkcs8 = Convert.FromBase64String(await sealer.OpenAsync(SealName(userPoolId), body.SealedPrivateKey));
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }

    private static string SealName(string userPoolId) => "saml-signing:" + userPoolId;

    private async Task<StoredSigningCertificate> BodyAsync(string userPoolId, CancellationToken ct)
    {
        var row = await storage.PoolResources.FindAsync(userPoolId, Kind, Name, ct) ?? await CreateAsync(userPoolId, ct);
        return JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.StoredSigningCertificate)
            ?? throw new InvalidDataException($"Empty signing certificate for {userPoolId}.");
    }

    private async Task<StoredPoolResource> CreateAsync(string userPoolId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (certificate, privateKey) = SamlSigningCertificate.Create(userPoolId, now);
        var body = new StoredSigningCertificate
        {
            Certificate = Convert.ToBase64String(certificate),
            SealedPrivateKey = await sealer.SealAsync(SealName(userPoolId), Convert.ToBase64String(privateKey)),
        };
        var row = new StoredPoolResource
        {
            UserPoolId = userPoolId,
            Kind = Kind,
            Name = Name,
            BodyJson = JsonSerializer.Serialize(body, PoolConfigurationJsonContext.Default.StoredSigningCertificate),
            CreatedAt = now,
            ModifiedAt = now,
        };
        return await storage.PoolResources.CreateAsync(row, ct) == CreateResult.Created
            ? row
            : await storage.PoolResources.FindAsync(userPoolId, Kind, Name, ct) ?? throw CognitoErrors.ConcurrentModification();
    }
}
