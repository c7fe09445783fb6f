namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Which token claims become principal (session) tags for one identity provider.</summary>
internal sealed record PrincipalTagMap(bool UseDefaults, IReadOnlyDictionary<string, string>? PrincipalTags);
