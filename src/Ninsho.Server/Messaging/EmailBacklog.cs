using System.Threading.Channels;
using Ninsho.Core.Messages;

namespace Ninsho.Server.Messaging;

/// <summary>Emails waiting for <see cref="SmtpDeliveryService"/>. Requests only enqueue, so a slow or broken SMTP
/// server never delays or fails a Cognito operation (Cognito too answers before the email is delivered).</summary>
public sealed class EmailBacklog
{
    /// <summary>Emails held at most; past that new ones stay only in the outbox.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<OutgoingMessage> _channel = Channel.CreateBounded<OutgoingMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an email; false when the queue is full.</summary>
    public bool TryEnqueue(OutgoingMessage message) => _channel.Writer.TryWrite(message);

    public ChannelReader<OutgoingMessage> Reader => _channel.Reader;
}
