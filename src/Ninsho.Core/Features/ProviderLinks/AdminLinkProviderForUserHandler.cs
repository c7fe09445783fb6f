using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using static Ninsho.Core.Features.ProviderLinks.ProviderLinkService;

namespace Ninsho.Core.Features.ProviderLinks;

/// <summary>AdminLinkProviderForUser: links an identity of one of the pool's providers (SourceUser) to a native user
/// (DestinationUser, ProviderName <c>Cognito</c>, ProviderAttributeValue its username). Cognito also accepts a
/// federated DestinationUser; this server has no federated users yet, so it refuses one.</summary>
internal sealed class AdminLinkProviderForUserHandler(UserPoolService pools, UserDirectory directory, ProviderLinkService links)
    : IOperationHandler<AdminLinkProviderForUserRequest, AdminLinkProviderForUserResponse>
{
    public async Task<AdminLinkProviderForUserResponse> HandleAsync(AdminLinkProviderForUserRequest r, OperationContext context, CancellationToken ct)
    {
        var destination = Given(r.DestinationUser);
        var source = Given(r.SourceUser);
        var destinationProvider = Required("DestinationUser", "ProviderName", destination.ProviderName);
        var username = Required("DestinationUser", "ProviderAttributeValue", destination.ProviderAttributeValue);
        var sourceProvider = Required("SourceUser", "ProviderName", source.ProviderName);
        if (sourceProvider == CognitoProvider)
        {
            throw CognitoErrors.CognitoSourceUser();
        }

        var attributeName = Required("SourceUser", "ProviderAttributeName", source.ProviderAttributeName);
        var attributeValue = Required("SourceUser", "ProviderAttributeValue", source.ProviderAttributeValue);
        if (destinationProvider != CognitoProvider)
        {
            throw CognitoErrors.FederatedDestinationUser();
        }

        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var user = await directory.GetAsync(pool, username, ct);
        await links.LinkAsync(pool, user, sourceProvider, attributeName, attributeValue, ct);
        return new AdminLinkProviderForUserResponse();
    }
}
