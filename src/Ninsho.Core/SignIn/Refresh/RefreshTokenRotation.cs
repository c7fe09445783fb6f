using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>A client's <c>RefreshTokenRotation</c> setting as the refresh paths apply it
/// (docs/compatibility-refresh-rotation.md).</summary>
internal static class RefreshTokenRotation
{
    /// <summary>True when the client rotates refresh tokens: GetTokensFromRefreshToken and the token endpoint's
    /// refresh grant hand out a new one, and REFRESH_TOKEN_AUTH is refused.</summary>
    public static bool IsEnabled(UserPoolClientType client) => client.RefreshTokenRotation?.Feature == FeatureType.ENABLED;

    /// <summary>How long a rotated-out token keeps working: <c>RetryGracePeriodSeconds</c>, 0 when absent.</summary>
    public static TimeSpan GracePeriod(UserPoolClientType client) =>
        TimeSpan.FromSeconds(Math.Clamp(client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0, 0, 60));
}
