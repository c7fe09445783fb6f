using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>SetUserMFAPreference (public, by AccessToken).</summary>
internal sealed class SetUserMFAPreferenceHandler(AccessTokenAuthenticator authenticator, MfaPreferences preferences)
    : IOperationHandler<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>
{
    public async Task<SetUserMFAPreferenceResponse> HandleAsync(SetUserMFAPreferenceRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        _ = await preferences.SetAsync(user, request.SMSMfaSettings, request.SoftwareTokenMfaSettings, request.EmailMfaSettings, ct);
        return new SetUserMFAPreferenceResponse();
    }
}
