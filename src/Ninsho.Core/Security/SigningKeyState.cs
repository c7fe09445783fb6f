namespace Ninsho.Core.Security;

/// <summary>One stored signing key of a pool, public facts only.</summary>
public sealed record SigningKeyState(string KeyId, string Use, DateTimeOffset CreatedAt, DateTimeOffset? ActiveAt, DateTimeOffset? RetireAt);
