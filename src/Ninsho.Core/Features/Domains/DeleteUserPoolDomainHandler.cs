using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Domains;

/// <summary>DeleteUserPoolDomain: the domain must belong to the pool; afterwards any pool may take it.</summary>
internal sealed class DeleteUserPoolDomainHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<DeleteUserPoolDomainRequest, DeleteUserPoolDomainResponse>
{
    public async Task<DeleteUserPoolDomainResponse> HandleAsync(DeleteUserPoolDomainRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        return await storage.Domains.DeleteAsync(pool.Id, request.Domain, ct)
            ? new DeleteUserPoolDomainResponse()
            : throw CognitoErrors.NoSuchDomain();
    }
}
