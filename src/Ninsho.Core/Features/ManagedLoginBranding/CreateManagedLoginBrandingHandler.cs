using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>CreateManagedLoginBranding: the one style of an app client, either Cognito's defaults
/// (UseCognitoProvidedValues) or a Settings document, plus any assets (<see cref="BrandingRules"/>).</summary>
internal sealed class CreateManagedLoginBrandingHandler(UserPoolService pools, UserPoolClientService clients, ManagedLoginBrandingService brandings)
    : IOperationHandler<CreateManagedLoginBrandingRequest, CreateManagedLoginBrandingResponse>
{
    public async Task<CreateManagedLoginBrandingResponse> HandleAsync(CreateManagedLoginBrandingRequest r, OperationContext context, CancellationToken ct)
    {
        var settings = BrandingRules.Given(r.Settings);
        BrandingRules.CheckValues(r.UseCognitoProvidedValues, settings, required: true);
        BrandingRules.CheckAssets(r.Assets);
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        _ = await clients.GetAsync(r.ClientId, pool.Id, ct);
        var created = await brandings.CreateAsync(pool.Id, new StoredBranding
        {
            ClientId = r.ClientId,
            UseCognitoProvidedValues = r.UseCognitoProvidedValues == true,
            Settings = settings,
            Assets = r.Assets ?? [],
        }, ct);
        return new CreateManagedLoginBrandingResponse { ManagedLoginBranding = created };
    }
}
