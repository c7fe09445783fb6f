using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Terms;

/// <summary>DeleteTerms.</summary>
internal sealed class DeleteTermsHandler(UserPoolService pools, TermsService terms)
    : IOperationHandler<DeleteTermsRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteTermsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        await terms.DeleteAsync(pool.Id, r.TermsId, ct);
        return EmptyResult.Instance;
    }
}
