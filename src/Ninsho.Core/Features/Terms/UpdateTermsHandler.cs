using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Terms;

/// <summary>UpdateTerms: each member the request gives replaces the stored one (Links as a whole map); the others stay.
/// A new TermsName another document of the client holds answers TermsExistsException.</summary>
internal sealed class UpdateTermsHandler(UserPoolService pools, TermsService terms)
    : IOperationHandler<UpdateTermsRequest, UpdateTermsResponse>
{
    public async Task<UpdateTermsResponse> HandleAsync(UpdateTermsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var updated = await terms.UpdateAsync(pool.Id, r.TermsId, current => current with
        {
            TermsName = r.TermsName ?? current.TermsName,
            TermsSource = r.TermsSource ?? current.TermsSource,
            Enforcement = r.Enforcement ?? current.Enforcement,
            Links = r.Links ?? current.Links,
        }, ct);
        return new UpdateTermsResponse { Terms = updated };
    }
}
