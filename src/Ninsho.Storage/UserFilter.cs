namespace Ninsho.Storage;

/// <summary>A ListUsers filter on one searchable attribute.</summary>
/// <param name="Attribute">One of <see cref="SearchableAttributes.All"/>.</param>
/// <param name="Value">The value to match (already normalised by the caller where matching is case-insensitive).</param>
/// <param name="Prefix">True for <c>^=</c> (starts with), false for <c>=</c>.</param>
public sealed record UserFilter(string Attribute, string Value, bool Prefix);
