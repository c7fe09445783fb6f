namespace Ninsho.Storage;

/// <summary>The users of user pools, indexed for the searchable attributes.</summary>
public interface IUserStore
{
    /// <summary>Inserts a user; <see cref="CreateResult.AlreadyExists"/> when the pool has the username key
    /// (exactly one of concurrent creates of one username succeeds).</summary>
    Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct);

    /// <summary>Inserts many users in one transaction (the bulk path of imports and restores); the result of each,
    /// in order. A username key already stored, or repeated in <paramref name="users"/>, is AlreadyExists.</summary>
    Task<IReadOnlyList<CreateResult>> CreateManyAsync(IReadOnlyList<StoredUser> users, CancellationToken ct);

    Task<StoredUser?> FindAsync(string userPoolId, string usernameKey, CancellationToken ct);

    /// <summary>The user, the pool's current version and whether a refresh token with origin jti
    /// <paramref name="originJti"/> (when given) is revoked, in one statement: what an admin or token-authorized
    /// request checks, in one round trip instead of three.</summary>
    Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct);

    /// <summary>Users whose indexed <paramref name="attribute"/> equals <paramref name="value"/>
    /// (see <see cref="SearchableAttributes.ValueOf"/>), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct);

    /// <summary>Users ordered by username key, matching <paramref name="filter"/> when given,
    /// after <paramref name="afterKey"/> (exclusive). NextKey is null on the last page.</summary>
    Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the user when the stored version equals <c>user.Version</c>; stores Version + 1
    /// and re-indexes the searchable attributes in the same transaction.</summary>
    Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct);

    /// <summary>Deletes the user and the user's refresh tokens.</summary>
    Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct);

    Task<long> CountAsync(string userPoolId, CancellationToken ct);
}
