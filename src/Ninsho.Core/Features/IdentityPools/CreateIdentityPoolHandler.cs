using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>CreateIdentityPool: a new <c>region:uuid</c> id (or the one the tag <c>_custom_id_</c> chooses:
/// <see cref="CustomIds"/>), the settings as given.</summary>
internal sealed class CreateIdentityPoolHandler(INinshoStorage storage, NinshoCoreOptions options, TimeProvider clock)
    : IOperationHandler<CreateIdentityPoolInput, IdentityPool>
{
    public async Task<IdentityPool> HandleAsync(CreateIdentityPoolInput r, OperationContext context, CancellationToken ct)
    {
        var region = context.SignedRegion ?? options.DefaultRegion;
        var (customId, tags) = CustomIds.IdentityPoolId(r.IdentityPoolTags, region);
        var id = customId ?? region + ":" + Guid.NewGuid().ToString("D");
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
            IdentityPoolTags = tags,
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
