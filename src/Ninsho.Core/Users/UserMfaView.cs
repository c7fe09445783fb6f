using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>How GetUser, AdminGetUser and GetUserAuthFactors show a user's MFA settings.</summary>
internal static class UserMfaView
{
    /// <summary>UserMFASettingList (null when empty, as Cognito leaves it out), PreferredMfaSetting and legacy MFAOptions.</summary>
    public static (List<string>? Enabled, string? Preferred, List<Ninsho.Protocol.IdentityProvider.MFAOptionType>? Options) Of(StoredUser user)
    {
        var state = UserState.ReadMfa(user);
        var enabled = state.EnabledFactors();
        return (enabled.Count > 0 ? enabled : null,
            state.Preferred is { } p && enabled.Contains(p) ? p : null,
            state.MfaOptions is { Count: > 0 } o ? o : null);
    }
}
