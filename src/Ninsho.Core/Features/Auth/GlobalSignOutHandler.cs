using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>GlobalSignOut (public, authorized by the access token).</summary>
internal sealed class GlobalSignOutHandler(AccessTokenAuthenticator authenticator, UserUpdater updater)
    : IOperationHandler<GlobalSignOutRequest, GlobalSignOutResponse>
{
    public async Task<GlobalSignOutResponse> HandleAsync(GlobalSignOutRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        _ = await updater.SignOutEverywhereAsync(user, ct);
        return new GlobalSignOutResponse();
    }
}
