namespace Ninsho.Storage;

/// <summary>Users' authentication events; they go when the user goes.</summary>
public interface IAuthEventStore
{
    /// <summary>Records the event; false (nothing stored) when the user no longer exists.</summary>
    Task<bool> AddAsync(StoredAuthEvent authEvent, CancellationToken ct);

    /// <summary>The user's events, newest first (ties by event id, descending), after <paramref name="afterKey"/>
    /// (exclusive; a <see cref="Page{T}.NextKey"/> of an earlier page).</summary>
    Task<Page<StoredAuthEvent>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct);

    Task<StoredAuthEvent?> FindAsync(string userPoolId, string usernameKey, string eventId, CancellationToken ct);

    /// <summary>Replaces the event's <see cref="StoredAuthEvent.DetailJson"/>; false when there is no such event.</summary>
    Task<bool> UpdateDetailAsync(string userPoolId, string usernameKey, string eventId, string detailJson, CancellationToken ct);
}
