using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using static Ninsho.Core.Features.ProviderLinks.ProviderLinkService;

namespace Ninsho.Core.Features.ProviderLinks;

/// <summary>AdminDisableProviderForUser: removes the link of an identity of one of the pool's providers, by the
/// ProviderAttributeName and ProviderAttributeValue it was linked with. Cognito also disables the federated user of
/// that identity when one exists; this server has no federated users yet, so removing the link is all there is.
/// The other form, ProviderName <c>Cognito</c> (keeping a native user from signing in with its password), is not
/// built and refused with a pointer to AdminDisableUser.</summary>
internal sealed class AdminDisableProviderForUserHandler(UserPoolService pools, ProviderLinkService links)
    : IOperationHandler<AdminDisableProviderForUserRequest, AdminDisableProviderForUserResponse>
{
    public async Task<AdminDisableProviderForUserResponse> HandleAsync(AdminDisableProviderForUserRequest r, OperationContext context, CancellationToken ct)
    {
        var user = Given(r.User);
        var providerName = Required("User", "ProviderName", user.ProviderName);
        var attributeName = Required("User", "ProviderAttributeName", user.ProviderAttributeName);
        var attributeValue = Required("User", "ProviderAttributeValue", user.ProviderAttributeValue);
        if (providerName == CognitoProvider)
        {
            throw CognitoErrors.DisableCognitoUserNotSupported();
        }

        var pool = await pools.GetAsync(r.UserPoolId, ct);
        await links.UnlinkAsync(pool, providerName, attributeName, attributeValue, ct);
        return new AdminDisableProviderForUserResponse();
    }
}
