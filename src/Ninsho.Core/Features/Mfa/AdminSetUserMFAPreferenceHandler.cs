using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>AdminSetUserMFAPreference.</summary>
internal sealed class AdminSetUserMFAPreferenceHandler(UserDirectory directory, MfaPreferences preferences)
    : IOperationHandler<AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse>
{
    public async Task<AdminSetUserMFAPreferenceResponse> HandleAsync(AdminSetUserMFAPreferenceRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        _ = await preferences.SetAsync(user, request.SMSMfaSettings, request.SoftwareTokenMfaSettings, request.EmailMfaSettings, ct);
        return new AdminSetUserMFAPreferenceResponse();
    }
}
