using Ninsho.Core.Messages;
using Ninsho.Core.Pools;

namespace Ninsho.Server.Messaging;

/// <summary>
/// The sender when SMTP is configured: every message is first kept in the outbox (so a developer can still read
/// codes there, and a code is never lost when the mail server is down), then emails are queued for real delivery by
/// <see cref="SmtpDeliveryService"/>. SMS stay in the outbox only.
/// </summary>
internal sealed partial class SmtpMessageSender(
    OutboxMessageSender outbox, EmailBacklog queue, PoolLogExport logs, TimeProvider clock, ILogger<SmtpMessageSender> logger) : IMessageSender
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        await outbox.SendAsync(message, ct);
        if (message.Medium == "EMAIL" && !queue.TryEnqueue(message))
        {
            LogQueueFull(logger, message.UserPoolId, EmailBacklog.Capacity);
            logs.DeliveryFailed(message.UserPoolId, clock.GetUtcNow(),
                $"Email to user {message.Username} was not sent by SMTP: the queue of {EmailBacklog.Capacity} emails was full");
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "SMTP queue full ({Capacity} emails): an email of pool {UserPoolId} stays in the outbox only")]
    private static partial void LogQueueFull(ILogger logger, string userPoolId, int capacity);
}
