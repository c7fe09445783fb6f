namespace Ninsho.Core.Security;

/// <summary>One generation of a cluster sealing key: its id (0 for the key a server made on first use, kept under the
/// plain secret name), the AES-256 key, and when it starts to seal (it opens at once).</summary>
internal sealed record SealingKey(uint Id, byte[] Key, DateTimeOffset ActiveAt);
