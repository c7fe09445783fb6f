namespace Ninsho.Core.Security;

/// <summary>A pool's signing-key rotation: the new key ids, when they start to sign, when the older keys go.</summary>
public sealed record SigningKeyRotation(IReadOnlyList<string> KeyIds, DateTimeOffset ActiveAt, DateTimeOffset RetireAt);
