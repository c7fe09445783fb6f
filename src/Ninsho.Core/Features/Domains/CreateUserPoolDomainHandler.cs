using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Domains;

/// <summary>CreateUserPoolDomain: a prefix domain, or a custom domain with <c>CustomDomainConfig</c>. A domain
/// belongs to one pool on the whole server, and a pool has at most one of each kind.</summary>
internal sealed class CreateUserPoolDomainHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>
{
    public async Task<CreateUserPoolDomainResponse> HandleAsync(CreateUserPoolDomainRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var domain = new StoredUserPoolDomain
        {
            Domain = request.Domain,
            UserPoolId = pool.Id,
            CertificateArn = request.CustomDomainConfig?.CertificateArn,
            ManagedLoginVersion = request.ManagedLoginVersion,
            CreatedAt = clock.GetUtcNow(),
        };
        if (await storage.Domains.CreateAsync(domain, ct) == CreateResult.AlreadyExists)
        {
            var owner = await storage.Domains.FindAsync(request.Domain, ct);
            throw owner is not null && owner.UserPoolId != pool.Id ? CognitoErrors.DomainTaken() : CognitoErrors.PoolHasDomain();
        }

        return new CreateUserPoolDomainResponse
        {
            ManagedLoginVersion = domain.ManagedLoginVersion ?? DomainViews.DefaultManagedLoginVersion,
            CloudFrontDomain = domain.IsCustom ? DomainViews.CloudFrontDomain(domain.Domain) : null,
        };
    }
}
