using Ninsho.Core.Features.Mfa;
using Ninsho.Core.Features.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>GetUser (public, authorized by the access token).</summary>
internal sealed class GetUserHandler(AccessTokenAuthenticator authenticator) : IOperationHandler<GetUserRequest, GetUserResponse>
{
    public async Task<GetUserResponse> HandleAsync(GetUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        var (enabled, preferred, options) = UserMfaView.Of(user);
        return new GetUserResponse
        {
            Username = user.Username,
            UserAttributes = UserViews.Attributes(user),
            UserMFASettingList = enabled,
            PreferredMfaSetting = preferred,
            MFAOptions = options,
        };
    }
}
