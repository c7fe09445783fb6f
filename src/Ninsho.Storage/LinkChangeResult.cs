namespace Ninsho.Storage;

/// <summary>What linking or unlinking a provider identity did (see <see cref="IProviderLinkStore"/>).</summary>
public enum LinkChangeResult
{
    /// <summary>The link was stored (or removed) and the user with it.</summary>
    Changed,

    /// <summary>Nothing changed: when linking, the identity is already linked to a user of the pool; when
    /// unlinking, the identity is not linked to this user.</summary>
    LinkConflict,

    /// <summary>Nothing changed: the user was changed by another request (its version moved on) or deleted.</summary>
    UserChanged,
}
