namespace Ninsho.Storage;

/// <summary>A device a user signed in from (device tracking). Keys are unique per pool. The SRP salt and verifier
/// are set by ConfirmDevice; until then the device is only known.</summary>
public sealed record StoredDevice
{
    public required string UserPoolId { get; init; }
    public required string UsernameKey { get; init; }
    public required string DeviceKey { get; init; }
    public required string DeviceGroupKey { get; init; }
    public string? DeviceName { get; init; }

    /// <summary>Canonical hex of the device's SRP salt; null until confirmed.</summary>
    public string? Salt { get; init; }

    /// <summary>Hex of the device's SRP verifier; null until confirmed.</summary>
    public string? Verifier { get; init; }

    /// <summary><c>remembered</c>, <c>not_remembered</c>, or null before confirmation.</summary>
    public string? RememberedStatus { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public DateTimeOffset? LastAuthenticatedAt { get; init; }

    /// <summary>Optimistic concurrency version; storage increments it on every successful update.</summary>
    public long Version { get; init; }

    public override string ToString() => $"StoredDevice {{ {UserPoolId}, {DeviceKey} }}";
}
