using System.Numerics;
using System.Security.Cryptography;
using Ninsho.Core.Pools;
using Ninsho.Core.Security.Srp;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>Tracked devices (docs/cognito-behaviour.md#remembered-devices): issued at sign-in when the pool has a DeviceConfiguration,
/// confirmed with their SRP verifier, remembered or not, listed and forgotten.</summary>
internal sealed class DeviceService(INinshoStorage storage, TimeProvider clock)
{
    public const string Remembered = "remembered";
    public const string NotRemembered = "not_remembered";

    /// <summary>A fresh device key of the pool: <c>&lt;region&gt;_&lt;uuid&gt;</c>.</summary>
    public static string NewKey(UserPoolSettings pool) => $"{pool.Id[..pool.Id.IndexOf('_', StringComparison.Ordinal)]}_{Guid.NewGuid()}";

    /// <summary>A new device <paramref name="deviceKey"/> (from <see cref="NewKey"/>) for <paramref name="user"/>:
    /// the NewDeviceMetadata of a sign-in.</summary>
    public async Task<NewDeviceMetadataType> IssueAsync(UserPoolSettings pool, StoredUser user, string deviceKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var device = new StoredDevice
        {
            UserPoolId = pool.Id,
            UsernameKey = user.UsernameKey,
            DeviceKey = deviceKey,
            DeviceGroupKey = "-" + Base64UrlText(RandomNumberGenerator.GetBytes(6)),
            CreatedAt = now,
            ModifiedAt = now,
        };
        _ = await storage.Devices.CreateAsync(device, ct);
        return new NewDeviceMetadataType { DeviceKey = device.DeviceKey, DeviceGroupKey = device.DeviceGroupKey };
    }

    /// <summary>The user's device, or ResourceNotFoundException.</summary>
    public async Task<StoredDevice> GetAsync(StoredUser user, string deviceKey, CancellationToken ct)
    {
        var device = await storage.Devices.FindAsync(user.UserPoolId, deviceKey, ct);
        return device is not null && device.UsernameKey == user.UsernameKey ? device : throw CognitoErrors.DeviceNotFound();
    }

    /// <summary>ConfirmDevice: stores the verifier; remembered unless the pool waits for the user's prompt.</summary>
    public async Task<bool> ConfirmAsync(
        UserPoolSettings pool, StoredUser user, string deviceKey, DeviceSecretVerifierConfigType? config, string? name, CancellationToken ct)
    {
        var device = await GetAsync(user, deviceKey, ct);
        var salt = Decode(config?.Salt, "Salt");
        var verifier = Decode(config?.PasswordVerifier, "PasswordVerifier");
        if (verifier.IsZero || verifier >= SrpGroup.N)
        {
            throw CognitoErrors.InvalidDeviceVerifier();
        }

        var onPrompt = pool.Config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false;
        await UpdateAsync(device, d => d with
        {
            Salt = SrpHex.PadHex(salt),
            Verifier = SrpHex.PadHex(verifier),
            DeviceName = name ?? d.DeviceName,
            RememberedStatus = onPrompt ? NotRemembered : Remembered,
        }, ct);
        return onPrompt;
    }

    /// <summary>Applies <paramref name="change"/> to the latest stored version (retrying on conflicts).</summary>
    public async Task<StoredDevice> UpdateAsync(StoredDevice device, Func<StoredDevice, StoredDevice> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var changed = change(device) with { ModifiedAt = clock.GetUtcNow() };
            switch (await storage.Devices.UpdateAsync(changed, ct))
            {
                case UpdateResult.Updated:
                    return changed with { Version = device.Version + 1 };
                case UpdateResult.VersionConflict when attempt < 5:
                    device = await storage.Devices.FindAsync(device.UserPoolId, device.DeviceKey, ct) ?? throw CognitoErrors.DeviceNotFound();
                    break;
                default:
                    throw CognitoErrors.DeviceNotFound();
            }
        }
    }

    public static DeviceType ToDeviceType(StoredDevice device)
    {
        var attributes = new List<AttributeType> { new() { Name = "device_status", Value = "valid" } };
        if (device.DeviceName is { } name)
        {
            attributes.Add(new AttributeType { Name = "device_name", Value = name });
        }

        if (device.RememberedStatus is { } remembered)
        {
            attributes.Add(new AttributeType { Name = "dev:device_remembered_status", Value = remembered });
        }

        return new DeviceType
        {
            DeviceKey = device.DeviceKey,
            DeviceAttributes = attributes,
            DeviceCreateDate = device.CreatedAt,
            DeviceLastModifiedDate = device.ModifiedAt,
            DeviceLastAuthenticatedDate = device.LastAuthenticatedAt,
        };
    }

    private static BigInteger Decode(string? base64, string member)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64 ?? throw new FormatException());
            return bytes.Length is > 0 and <= SrpGroup.ModulusBytes + 1
                ? new BigInteger(bytes, isUnsigned: true, isBigEndian: true)
                : throw new FormatException();
        }
        catch (FormatException)
        {
            throw CognitoErrors.DeviceVerifierNotBase64(member);
        }
    }

    private static string Base64UrlText(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
