using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>SetUserSettings (public, by AccessToken): legacy SMS MFA through MFAOptions.</summary>
internal sealed class SetUserSettingsHandler(AccessTokenAuthenticator authenticator, MfaPreferences preferences)
    : IOperationHandler<SetUserSettingsRequest, SetUserSettingsResponse>
{
    public async Task<SetUserSettingsResponse> HandleAsync(SetUserSettingsRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        _ = await preferences.SetOptionsAsync(user, request.MFAOptions, ct);
        return new SetUserSettingsResponse();
    }
}
