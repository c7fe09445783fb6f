namespace Ninsho.Storage;

/// <summary>Server-wide secrets shared by every node (e.g. the key that seals auth sessions).</summary>
public interface ISecretStore
{
    /// <summary>Returns the stored secret named <paramref name="name"/>, storing <paramref name="candidate"/>
    /// first when there is none. Concurrent callers on any node all get the same value.</summary>
    Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct);

    /// <summary>Every stored secret by name, in name order (for backups).</summary>
    Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct);

    /// <summary>Deletes the secret named <paramref name="name"/> (a retired sealing key); false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken ct);
}
