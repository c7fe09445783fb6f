using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>What an identity pool keeps besides its name: the model's <see cref="IdentityPool"/> as last set, and
/// the roles of SetIdentityPoolRoles and the principal tag maps. Stored as JSON in <c>StoredIdentityPool.ConfigJson</c>.</summary>
internal sealed record IdentityPoolConfig
{
    public required IdentityPool Pool { get; init; }
    public IReadOnlyDictionary<string, string>? Roles { get; init; }
    public IReadOnlyDictionary<string, RoleMapping>? RoleMappings { get; init; }

    /// <summary>SetPrincipalTagAttributeMap, by identity provider name.</summary>
    public IReadOnlyDictionary<string, PrincipalTagMap>? PrincipalTagMaps { get; init; }
}
