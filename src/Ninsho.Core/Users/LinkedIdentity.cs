namespace Ninsho.Core.Users;

/// <summary>One entry of a user's <c>identities</c> attribute: an identity of an external provider linked to the
/// user. <see cref="Primary"/> is false for identities linked to a native user (a federated user's own identity is
/// its primary one).</summary>
internal sealed record LinkedIdentity(string UserId, string ProviderName, string ProviderType, string? Issuer, bool Primary, long DateCreated);
