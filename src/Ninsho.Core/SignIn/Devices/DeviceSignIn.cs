using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The device steps around a sign-in (docs/cognito-behaviour.md#remembered-devices): a confirmed device named by DEVICE_KEY must
/// prove itself (DEVICE_SRP_AUTH) after the password; a sign-in without one, on a pool with a DeviceConfiguration,
/// ends with NewDeviceMetadata.</summary>
internal sealed class DeviceSignIn(INinshoStorage storage, DeviceService devices, AuthSessions sessions)
{
    /// <summary>DEVICE_SRP_AUTH when <paramref name="deviceKey"/> names a confirmed device of the user; null when
    /// there is no device step. ResourceNotFoundException (message naming the device) for a device the user does not
    /// have, so clients drop it and retry.</summary>
    public async Task<AuthOutcome?> AfterFirstFactorAsync(
        SignInContext signIn, StoredUser user, string? deviceKey, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(deviceKey))
        {
            return null;
        }

        var device = await storage.Devices.FindAsync(signIn.Pool.Id, deviceKey, ct);
        if (device is null || device.UsernameKey != user.UsernameKey)
        {
            throw CognitoErrors.DeviceNotFound();
        }

        if (device.Verifier is null)
        {
            return null;
        }

        var session = await sessions.IssueAsync(
            new ChallengeSession(signIn.Pool.Id, signIn.Client.ClientId!, user.UsernameKey, ChallengeNameType.DEVICE_SRP_AUTH),
            UserPoolClientRules.AuthSessionLifetime(signIn.Client));
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = user.Username };
        return new AuthOutcome(ChallengeNameType.DEVICE_SRP_AUTH, parameters, session, null);
    }

    /// <summary>The key of the device a sign-in will hand out when it ends in tokens (the pool tracks devices and
    /// the sign-in named none), chosen before the tokens are minted so the access token can name it; else null.</summary>
    public static string? NewDeviceKey(UserPoolSettings pool, string? presentedDeviceKey) =>
        pool.Config.DeviceConfiguration is null || !string.IsNullOrEmpty(presentedDeviceKey) ? null : DeviceService.NewKey(pool);

    /// <summary><paramref name="outcome"/> with NewDeviceMetadata for the device <paramref name="newDeviceKey"/>
    /// (from <see cref="NewDeviceKey"/>) when it carries tokens.</summary>
    public async Task<AuthOutcome> WithNewDeviceAsync(
        UserPoolSettings pool, StoredUser user, string? newDeviceKey, AuthOutcome outcome, CancellationToken ct)
    {
        if (outcome.AuthenticationResult is not { } result || newDeviceKey is null)
        {
            return outcome;
        }

        return outcome with { AuthenticationResult = result with { NewDeviceMetadata = await devices.IssueAsync(pool, user, newDeviceKey, ct) } };
    }
}
