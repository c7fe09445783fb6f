using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Domains;

/// <summary>DescribeUserPoolDomain: an unknown domain answers 200 with an empty <c>DomainDescription</c> (what
/// tools use to test whether a prefix is free; the API reference does not say so, so this is unconfirmed).</summary>
internal sealed class DescribeUserPoolDomainHandler(INinshoStorage storage, NinshoCoreOptions options)
    : IOperationHandler<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>
{
    public async Task<DescribeUserPoolDomainResponse> HandleAsync(DescribeUserPoolDomainRequest request, OperationContext context, CancellationToken ct)
    {
        var domain = await storage.Domains.FindAsync(request.Domain, ct);
        return new DescribeUserPoolDomainResponse
        {
            DomainDescription = domain is null ? new DomainDescriptionType() : DomainViews.ToDescription(domain, options.AccountId),
        };
    }
}
