namespace Ninsho.Core.Features.IdentityPools;

/// <summary>A login whose token was verified: the provider name as the caller keyed it, and the key that ties the
/// provider's subject to one identity of the pool.</summary>
internal sealed record VerifiedLogin(string Provider, string LoginKey);
