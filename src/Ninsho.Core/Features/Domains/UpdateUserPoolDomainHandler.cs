using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Domains;

/// <summary>UpdateUserPoolDomain: changes the managed login version, and a custom domain's certificate. The
/// domain must belong to the pool.</summary>
internal sealed class UpdateUserPoolDomainHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>
{
    public async Task<UpdateUserPoolDomainResponse> HandleAsync(UpdateUserPoolDomainRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var domain = await storage.Domains.FindAsync(request.Domain, ct);
        if (domain is null || domain.UserPoolId != pool.Id)
        {
            throw CognitoErrors.NoSuchDomain();
        }

        var updated = domain with
        {
            ManagedLoginVersion = request.ManagedLoginVersion ?? domain.ManagedLoginVersion,
            CertificateArn = domain.IsCustom ? request.CustomDomainConfig?.CertificateArn ?? domain.CertificateArn : null,
        };
        if (!await storage.Domains.UpdateAsync(updated, ct))
        {
            throw CognitoErrors.NoSuchDomain();
        }

        return new UpdateUserPoolDomainResponse
        {
            ManagedLoginVersion = updated.ManagedLoginVersion ?? DomainViews.DefaultManagedLoginVersion,
            CloudFrontDomain = updated.IsCustom ? DomainViews.CloudFrontDomain(updated.Domain) : null,
        };
    }
}
