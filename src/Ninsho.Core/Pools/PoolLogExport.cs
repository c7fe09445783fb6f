using System.Threading.Channels;

namespace Ninsho.Core.Pools;

/// <summary>
/// The queue of a pool's exported log records (SetLogDeliveryConfiguration; docs/operations.md#log-delivery). The
/// places that produce them (auth events, message delivery failures) only enqueue, so a slow destination never
/// slows a sign-in; the host's writer drains the queue, looks up each pool's configuration and writes the records
/// where the operator mapped the configured ARN. When the queue is full a record is dropped and counted
/// (<see cref="Dropped"/>). Off (every call a no-op) when the host maps no destination.
/// </summary>
public sealed class PoolLogExport
{
    /// <summary>Records held at most before new ones are dropped.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<PoolLogRecord>? _channel;
    private long _dropped;

    /// <summary>A queue that takes records when <paramref name="enabled"/>, else one that ignores them.</summary>
    public PoolLogExport(bool enabled)
    {
        if (enabled)
        {
            _channel = Channel.CreateBounded<PoolLogRecord>(
                new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        }
    }

    /// <summary>True when records are queued at all.</summary>
    public bool Enabled => _channel is not null;

    /// <summary>Records dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The writer's side. Throws when export is off.</summary>
    public ChannelReader<PoolLogRecord> Reader => _channel?.Reader ?? throw new InvalidOperationException("log export is off");

    /// <summary>Queues <paramref name="record"/>; drops and counts it when the queue is full.</summary>
    public void Add(PoolLogRecord record)
    {
        if (_channel is not null && !_channel.Writer.TryWrite(record))
        {
            _ = Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>A message (code, invitation) that could not be delivered: a <c>userNotification</c> record.
    /// <paramref name="details"/> must name no code or password.</summary>
    public void DeliveryFailed(string userPoolId, DateTimeOffset at, string details)
    {
        if (Enabled)
        {
            Add(new NotificationErrorRecord(userPoolId, at, details));
        }
    }
}
