namespace Ninsho.Storage;

/// <summary>An identity of an external identity provider linked to a user of the pool (AdminLinkProviderForUser):
/// the provider, the provider attribute that names the identity (<c>Cognito_Subject</c> or a mapped attribute such
/// as <c>email</c>) and its value. One identity is linked to at most one user of the pool, so
/// (pool, provider, attribute, value) finds the user a federated sign-in of that identity becomes.</summary>
public sealed record StoredProviderLink
{
    public required string UserPoolId { get; init; }
    public required string ProviderName { get; init; }
    public required string ProviderAttributeName { get; init; }
    public required string ProviderAttributeValue { get; init; }

    /// <summary>The user the identity is linked to.</summary>
    public required string UsernameKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
