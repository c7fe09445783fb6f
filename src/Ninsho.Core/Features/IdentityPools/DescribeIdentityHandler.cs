using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

internal sealed class DescribeIdentityHandler(INinshoStorage storage) : IOperationHandler<DescribeIdentityInput, IdentityDescription>
{
    public async Task<IdentityDescription> HandleAsync(DescribeIdentityInput r, OperationContext context, CancellationToken ct) =>
        IdentityViews.ToDescription(await storage.IdentityPools.FindIdentityAsync(r.IdentityId, ct) ?? throw CognitoErrors.IdentityNotFound(r.IdentityId));
}
