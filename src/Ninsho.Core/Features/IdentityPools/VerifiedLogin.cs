using Microsoft.IdentityModel.JsonWebTokens;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>A login whose token was verified: the provider name as the caller keyed it, and the key that ties the
/// provider's subject to one identity of the pool. An OpenID token of this server (provider
/// <c>cognito-identity.amazonaws.com</c>) proves an identity instead: <see cref="ProvenIdentityId"/> is its
/// <c>sub</c>, and it is never linked. A user-pool login keeps its verified <see cref="IdToken"/>, whose claims
/// role mappings read (<see cref="IdentityRoleResolver"/>).</summary>
internal sealed record VerifiedLogin(string Provider, string LoginKey, string? ProvenIdentityId = null, JsonWebToken? IdToken = null);
