using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.SigningCertificates;

/// <summary>GetSigningCertificate: the pool's SAML signing certificate (base64 DER), made on the first request and
/// kept as a pool resource, so every later call and every node returns the same one. When two nodes make one at
/// once, the first stored wins and the other returns it. Cognito's yearly renewal is not modelled.</summary>
internal sealed class GetSigningCertificateHandler(INinshoStorage storage, UserPoolService pools, ClientSecretSealer sealer, TimeProvider clock)
    : IOperationHandler<GetSigningCertificateRequest, GetSigningCertificateResponse>
{
    public const string Kind = PoolResourceKinds.SigningCertificate;
    public const string Name = "saml";

    public async Task<GetSigningCertificateResponse> HandleAsync(GetSigningCertificateRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var row = await storage.PoolResources.FindAsync(pool.Id, Kind, Name, ct) ?? await CreateAsync(pool.Id, ct);
        var body = JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.StoredSigningCertificate)
            ?? throw new InvalidDataException($"Empty signing certificate for {pool.Id}.");
        return new GetSigningCertificateResponse { Certificate = body.Certificate };
    }

    private async Task<StoredPoolResource> CreateAsync(string userPoolId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (certificate, privateKey) = SamlSigningCertificate.Create(userPoolId, now);
        var body = new StoredSigningCertificate
        {
            Certificate = Convert.ToBase64String(certificate),
            SealedPrivateKey = await sealer.SealAsync("saml-signing:" + userPoolId, Convert.ToBase64String(privateKey)),
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
