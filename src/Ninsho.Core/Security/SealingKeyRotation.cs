namespace Ninsho.Core.Security;

/// <summary>The new generation of each cluster sealing key, by key name, and when they start to seal.</summary>
public sealed record SealingKeyRotation(IReadOnlyDictionary<string, uint> Generations, DateTimeOffset ActiveAt);
