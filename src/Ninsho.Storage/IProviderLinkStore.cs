namespace Ninsho.Storage;

/// <summary>Identities of external providers linked to users (<see cref="StoredProviderLink"/>). The user's
/// <c>identities</c> attribute shows the links; each change writes the link and that attribute in one transaction,
/// so they never disagree. Deleting a user or a pool deletes its links.</summary>
public interface IProviderLinkStore
{
    /// <summary>Stores <paramref name="link"/> and, when the stored user's version equals <c>user.Version</c>, the
    /// user's <c>Attributes</c> and <c>ModifiedAt</c> (Version + 1), together or not at all.</summary>
    Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct);

    /// <summary>Removes the link (which must name <c>user</c>) and stores the user's <c>Attributes</c> and
    /// <c>ModifiedAt</c> under the same version check as <see cref="LinkAsync"/>.</summary>
    Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct);

    /// <summary>The link of one identity: whom a federated sign-in by it is.</summary>
    Task<StoredProviderLink?> FindAsync(string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct);

    /// <summary>The user's links, by provider, attribute and value.</summary>
    Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct);

    /// <summary>Inserts a link as it is, without touching the user (restoring a backup, whose user lines carry the
    /// attribute already); <see cref="CreateResult.AlreadyExists"/> when the identity is linked.</summary>
    Task<CreateResult> CreateAsync(StoredProviderLink link, CancellationToken ct);
}
