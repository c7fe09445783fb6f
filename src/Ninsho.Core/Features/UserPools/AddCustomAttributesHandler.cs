using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>AddCustomAttributes: appends <c>custom:</c> (or developer-only <c>dev:custom:</c>) attributes to the
/// pool's schema; existing names are refused and nothing is added.</summary>
internal sealed class AddCustomAttributesHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<AddCustomAttributesRequest, AddCustomAttributesResponse>
{
    private const int Attempts = 5;

    public async Task<AddCustomAttributesResponse> HandleAsync(AddCustomAttributesRequest request, OperationContext context, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var pool = await pools.GetAsync(request.UserPoolId, ct);
            var schema = UserPoolDefaults.WithCustomAttributes(pool.Schema, request.CustomAttributes);
            var updated = pool.Stored with { ConfigJson = pool.ConfigJsonWith(pool.Config with { SchemaAttributes = schema }) };
            switch (await storage.UserPools.UpdateAsync(updated, ct))
            {
                case UpdateResult.Updated:
                    return new AddCustomAttributesResponse();
                case UpdateResult.NotFound:
                    throw CognitoErrors.UserPoolNotFound(pool.Id);
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }
}
