namespace Ninsho.Storage;

/// <summary>Messages sent to users, newest last, readable by pool and recipient.</summary>
public interface IMessageOutbox
{
    /// <summary>Stores the message and returns it with its assigned <see cref="StoredMessage.Id"/>.</summary>
    Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct);

    /// <summary>The most recent <paramref name="limit"/> messages, oldest first, optionally only those of one
    /// pool and/or one recipient (exact match).</summary>
    Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct);

    /// <summary>Deletes, in batches, the messages whose <see cref="StoredMessage.ExpiresAt"/> is before
    /// <paramref name="expiredBefore"/> (never those without one) and those created before
    /// <paramref name="createdBefore"/>; returns how many. Pass <see cref="DateTimeOffset.UnixEpoch"/> to leave a rule out.</summary>
    Task<int> PurgeAsync(DateTimeOffset expiredBefore, DateTimeOffset createdBefore, CancellationToken ct);
}
