using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>CreateIdentityPool: a new <c>region:uuid</c> id, the settings as given.</summary>
internal sealed class CreateIdentityPoolHandler(INinshoStorage storage, NinshoCoreOptions options, TimeProvider clock)
    : IOperationHandler<CreateIdentityPoolInput, IdentityPool>
{
    public async Task<IdentityPool> HandleAsync(CreateIdentityPoolInput r, OperationContext context, CancellationToken ct)
    {
        var id = (context.SignedRegion ?? options.DefaultRegion) + ":" + Guid.NewGuid().ToString("D");
        var pool = IdentityPoolRules.Normalize(new IdentityPool
        {
            IdentityPoolId = id,
            IdentityPoolName = r.IdentityPoolName,
            AllowUnauthenticatedIdentities = r.AllowUnauthenticatedIdentities,
            AllowClassicFlow = r.AllowClassicFlow,
            SupportedLoginProviders = r.SupportedLoginProviders,
            DeveloperProviderName = r.DeveloperProviderName,
            OpenIdConnectProviderARNs = r.OpenIdConnectProviderARNs,
            CognitoIdentityProviders = r.CognitoIdentityProviders,
            SamlProviderARNs = r.SamlProviderARNs,
            IdentityPoolTags = r.IdentityPoolTags,
        });
        var now = clock.GetUtcNow();
        var row = new StoredIdentityPool
        {
            IdentityPoolId = id,
            Name = pool.IdentityPoolName,
            ConfigJson = IdentityPoolService.Serialize(new IdentityPoolConfig { Pool = pool }),
            CreatedAt = now,
            ModifiedAt = now,
        };
        return await storage.IdentityPools.CreatePoolAsync(row, ct) == CreateResult.Created
            ? pool
            : throw CognitoErrors.IdentityPoolExists();
    }
}
