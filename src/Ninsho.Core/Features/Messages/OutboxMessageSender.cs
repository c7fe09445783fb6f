using Ninsho.Storage;

namespace Ninsho.Core.Features.Messages;

/// <summary>The default sender: every message goes to the outbox in the database, readable over
/// <c>GET /_ninsho/outbox</c> and with <c>ninsho outbox</c>.</summary>
public sealed class OutboxMessageSender(INinshoStorage storage, TimeProvider clock) : IMessageSender
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken ct) =>
        _ = await storage.Outbox.AddAsync(new StoredMessage
        {
            UserPoolId = message.UserPoolId,
            Username = message.Username,
            Recipient = message.Recipient,
            Medium = message.Medium,
            Subject = message.Subject,
            Body = message.Body,
            Code = message.Code,
            CreatedAt = clock.GetUtcNow(),
        }, ct);
}
