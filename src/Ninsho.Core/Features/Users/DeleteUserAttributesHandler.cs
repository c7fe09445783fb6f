using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>DeleteUserAttributes (access token): as AdminDeleteUserAttributes, for the caller.</summary>
internal sealed class DeleteUserAttributesHandler(AccessTokenAuthenticator authenticator, UserUpdater updater)
    : IOperationHandler<DeleteUserAttributesRequest, DeleteUserAttributesResponse>
{
    public async Task<DeleteUserAttributesResponse> HandleAsync(DeleteUserAttributesRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        AdminDeleteUserAttributesHandler.CheckDeletable(pool, r.UserAttributeNames);
        _ = await updater.UpdateAsync(user, u => u with { Attributes = AdminDeleteUserAttributesHandler.Without(u.Attributes, r.UserAttributeNames) }, ct);
        return new DeleteUserAttributesResponse();
    }
}
