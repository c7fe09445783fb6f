using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.SigningCertificates;

/// <summary>GetSigningCertificate: the pool's SAML signing certificate (base64 DER), the one its AuthnRequests are
/// signed with (<see cref="SamlSigningKeys"/>).</summary>
internal sealed class GetSigningCertificateHandler(UserPoolService pools, SamlSigningKeys keys)
    : IOperationHandler<GetSigningCertificateRequest, GetSigningCertificateResponse>
{
    public async Task<GetSigningCertificateResponse> HandleAsync(GetSigningCertificateRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        return new GetSigningCertificateResponse { Certificate = await keys.CertificateAsync(pool.Id, ct) };
    }
}
