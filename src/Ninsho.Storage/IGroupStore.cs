namespace Ninsho.Storage;

/// <summary>The groups of user pools and their members. Deleting a group, a user or a pool removes the memberships.</summary>
public interface IGroupStore
{
    /// <summary>Inserts a group; <see cref="CreateResult.AlreadyExists"/> when the pool has the name.</summary>
    Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct);

    /// <summary>How many groups the pool has (read from the primary key; cheap at the 10,000-group limit).</summary>
    Task<long> CountAsync(string userPoolId, CancellationToken ct);

    Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct);

    /// <summary>The pool's groups ordered by name, after <paramref name="afterKey"/> (exclusive) when given.</summary>
    Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct);

    /// <summary>Replaces the group when the stored version equals <c>group.Version</c>; stores Version + 1.</summary>
    Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct);

    /// <summary>Deletes the group and its memberships.</summary>
    Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct);

    /// <summary>Makes the user a member (idempotent). False when the group or the user does not exist.</summary>
    Task<bool> AddMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct);

    /// <summary>Ends a membership; false when there was none.</summary>
    Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct);

    /// <summary>The user's groups ordered by name, after <paramref name="afterKey"/> (a group name, exclusive).</summary>
    Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct);

    /// <summary>The group's members ordered by username key, after <paramref name="afterKey"/> (exclusive).</summary>
    Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct);
}
