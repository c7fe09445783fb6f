using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>DeleteIdentities: deletes up to 60 identities; unknown ids are reported as unprocessed.</summary>
internal sealed class DeleteIdentitiesHandler(INinshoStorage storage) : IOperationHandler<DeleteIdentitiesInput, DeleteIdentitiesResponse>
{
    public async Task<DeleteIdentitiesResponse> HandleAsync(DeleteIdentitiesInput r, OperationContext context, CancellationToken ct)
    {
        var unprocessed = new List<UnprocessedIdentityId>();
        foreach (var id in r.IdentityIdsToDelete.Distinct(StringComparer.Ordinal))
        {
            if (!await storage.IdentityPools.DeleteIdentityAsync(id, ct))
            {
                unprocessed.Add(new UnprocessedIdentityId { IdentityId = id, ErrorCode = ErrorCode.InternalServerError });
            }
        }

        return new DeleteIdentitiesResponse { UnprocessedIdentityIds = unprocessed };
    }
}
