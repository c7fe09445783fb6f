using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>AdminSetUserSettings: legacy SMS MFA through MFAOptions.</summary>
internal sealed class AdminSetUserSettingsHandler(UserDirectory directory, MfaPreferences preferences)
    : IOperationHandler<AdminSetUserSettingsRequest, AdminSetUserSettingsResponse>
{
    public async Task<AdminSetUserSettingsResponse> HandleAsync(AdminSetUserSettingsRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        _ = await preferences.SetOptionsAsync(user, request.MFAOptions, ct);
        return new AdminSetUserSettingsResponse();
    }
}
