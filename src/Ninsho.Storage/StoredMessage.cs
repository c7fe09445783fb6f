namespace Ninsho.Storage;

/// <summary>A message Ninsho sent (or would have sent) to a user: a verification code, an invitation.
/// Kept in the outbox so that developers testing locally can read the codes.</summary>
public sealed record StoredMessage
{
    /// <summary>Assigned by the store, increasing in the order messages were added; 0 before.</summary>
    public long Id { get; init; }

    public required string UserPoolId { get; init; }

    /// <summary>The internal username of the user the message is for, when there is one.</summary>
    public string? Username { get; init; }

    /// <summary>The email address or phone number the message went to.</summary>
    public required string Recipient { get; init; }

    /// <summary><c>EMAIL</c> or <c>SMS</c> (Cognito's DeliveryMediumType).</summary>
    public required string Medium { get; init; }

    /// <summary>The email subject; null for SMS.</summary>
    public string? Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>The code or temporary password the message carries, for tests and tools.</summary>
    public string? Code { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the code or temporary password the message carries stops working (a day after
    /// <see cref="CreatedAt"/> when the sender did not say); null when unknown. The outbox is purged by it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
