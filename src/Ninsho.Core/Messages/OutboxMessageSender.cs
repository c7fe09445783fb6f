using Ninsho.Storage;

namespace Ninsho.Core.Messages;

/// <summary>The default sender: every message goes to the outbox in the database, readable over
/// <c>GET /_ninsho/outbox</c> and with <c>ninsho outbox</c>.</summary>
public sealed class OutboxMessageSender(INinshoStorage storage, TimeProvider clock) : IMessageSender
{
    /// <summary>The validity assumed for a message that does not give one: the longest a verification code lives.</summary>
    public static readonly TimeSpan UnknownCodeValidity = OneTimeCodes.SignUpValidity;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        _ = await storage.Outbox.AddAsync(new StoredMessage
        {
            UserPoolId = message.UserPoolId,
            Username = message.Username,
            Recipient = message.Recipient,
            Medium = message.Medium,
            Subject = message.Subject,
            Body = message.Body,
            Code = message.Code,
            CreatedAt = now,
            ExpiresAt = now + (message.CodeValidity ?? UnknownCodeValidity),
        }, ct);
    }
}
