namespace Ninsho.Storage;

/// <summary>A login linked to an identity: the key that ties a provider's subject to it, and the provider.</summary>
public sealed record IdentityLogin(string LoginKey, string Provider);
