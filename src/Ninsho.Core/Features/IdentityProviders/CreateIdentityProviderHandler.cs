using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>CreateIdentityProvider: a SAML, OIDC or social provider of the pool, its details checked and completed
/// as Cognito shows them (<see cref="ProviderDetailRules"/>), its attribute mapping starting from the type's default.</summary>
internal sealed class CreateIdentityProviderHandler(UserPoolService pools, IdentityProviderService providers)
    : IOperationHandler<CreateIdentityProviderRequest, CreateIdentityProviderResponse>
{
    public async Task<CreateIdentityProviderResponse> HandleAsync(CreateIdentityProviderRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        ProviderDetailRules.CheckName(r.ProviderName, r.ProviderType);
        var mapping = ProviderDetailRules.DefaultMapping(r.ProviderType);
        foreach (var (key, value) in r.AttributeMapping ?? new Dictionary<string, string>())
        {
            mapping[key] = value;
        }

        var created = await providers.CreateAsync(pool, new IdentityProviderType
        {
            ProviderName = r.ProviderName,
            ProviderType = r.ProviderType,
            ProviderDetails = ProviderDetailRules.Complete(r.ProviderType, r.ProviderDetails),
            AttributeMapping = mapping,
            IdpIdentifiers = r.IdpIdentifiers ?? [],
        }, ct);
        return new CreateIdentityProviderResponse { IdentityProvider = IdentityProviderViews.Shown(created) };
    }
}
