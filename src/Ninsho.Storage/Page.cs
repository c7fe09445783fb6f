namespace Ninsho.Storage;

/// <summary>One page of a keyset-paged listing. <see cref="NextKey"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextKey);
