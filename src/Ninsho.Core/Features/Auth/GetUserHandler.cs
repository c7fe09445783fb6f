using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>GetUser (public, authorized by the access token): the attributes the token's app client may read
/// (<see cref="ClientAttributeAccess"/>).</summary>
internal sealed class GetUserHandler(AccessTokenAuthenticator authenticator, UserPoolClientService clients) : IOperationHandler<GetUserRequest, GetUserResponse>
{
    public async Task<GetUserResponse> HandleAsync(GetUserRequest request, OperationContext context, CancellationToken ct)
    {
        var access = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        var (pool, user, claims) = access;
        // The client's version came with the user: its parsed settings are reused while current, read otherwise.
        var client = clients.CachedAt(claims.ClientId, access.ClientVersion) ?? await clients.GetAsync(claims.ClientId, pool.Id, ct);
        var readable = ClientAttributeAccess.Readable(client);
        var (enabled, preferred, options) = UserMfaView.Of(user);
        return new GetUserResponse
        {
            Username = user.Username,
            UserAttributes = UserViews.Attributes(user, readable),
            UserMFASettingList = enabled,
            PreferredMfaSetting = preferred,
            MFAOptions = options,
        };
    }
}
