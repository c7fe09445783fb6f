namespace Ninsho.Core.Pools;

/// <summary>A client secret as stored: the value sealed by <see cref="Security.ClientSecretSealer"/>.</summary>
internal sealed record SealedClientSecret(string Id, string Sealed, long CreatedMs);
