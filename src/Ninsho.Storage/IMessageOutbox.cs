namespace Ninsho.Storage;

/// <summary>Messages sent to users, newest last, readable by pool and recipient.</summary>
public interface IMessageOutbox
{
    /// <summary>Stores the message and returns it with its assigned <see cref="StoredMessage.Id"/>.</summary>
    Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct);

    /// <summary>The most recent <paramref name="limit"/> messages, oldest first, optionally only those of one
    /// pool and/or one recipient (exact match).</summary>
    Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct);
}
