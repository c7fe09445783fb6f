using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Features.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>AdminSetUserMFAPreference.</summary>
internal sealed class AdminSetUserMFAPreferenceHandler(UserPoolService pools, UserDirectory directory, MfaPreferences preferences)
    : IOperationHandler<AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse>
{
    public async Task<AdminSetUserMFAPreferenceResponse> HandleAsync(AdminSetUserMFAPreferenceRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        _ = await preferences.SetAsync(user, request.SMSMfaSettings, request.SoftwareTokenMfaSettings, request.EmailMfaSettings, ct);
        return new AdminSetUserMFAPreferenceResponse();
    }
}
