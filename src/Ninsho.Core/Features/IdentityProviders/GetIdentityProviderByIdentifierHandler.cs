using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>GetIdentityProviderByIdentifier: the provider one of whose IdpIdentifiers is the given one.</summary>
internal sealed class GetIdentityProviderByIdentifierHandler(UserPoolService pools, IdentityProviderService providers)
    : IOperationHandler<GetIdentityProviderByIdentifierRequest, GetIdentityProviderByIdentifierResponse>
{
    public async Task<GetIdentityProviderByIdentifierResponse> HandleAsync(
        GetIdentityProviderByIdentifierRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var provider = (await providers.AllAsync(pool, ct)).FirstOrDefault(p => p.IdpIdentifiers?.Contains(r.IdpIdentifier, StringComparer.Ordinal) == true)
            ?? throw CognitoErrors.IdpIdentifierNotFound(r.IdpIdentifier);
        return new GetIdentityProviderByIdentifierResponse { IdentityProvider = IdentityProviderViews.Shown(provider) };
    }
}
