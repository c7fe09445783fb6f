using System.Text;
using Ninsho.Core.Features.LogDelivery;
using Ninsho.Core.Pools;

namespace Ninsho.Server.LogDelivery;

/// <summary>
/// Writes the pools' exported log records (docs/operations.md#log-delivery): drains <see cref="PoolLogExport"/> in
/// batches, reads each pool's log delivery configuration once per batch, and appends each record as one JSON line to
/// the destination the configured ARN is mapped to. An ARN no destination takes is reported once (at start-up for the
/// configurations stored then, else at its first record) and its records are not written. OTLP destinations get their
/// records through the OpenTelemetry SDK's exporter, flushed once per batch (one request per collector and batch;
/// <see cref="OtlpLogDelivery"/>). At shutdown the records still queued are written and flushed before the process
/// exits (within the shutdown timeout).
/// </summary>
internal sealed partial class PoolLogWriter(
    PoolLogExport queue, PoolLogTargets targets, LogDestinations destinations, OtlpLogDelivery otlp, TimeProvider clock, ILogger<PoolLogWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 512;
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private CancellationToken _stopDeadline;
    private long _droppedReported;
    private long _lastDropReport;

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stopDeadline = cancellationToken;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on while the configurations are checked
        try
        {
            await ReportUnmappedAsync(stoppingToken);
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is queued below.
        }

        try
        {
            while (queue.Reader.Count > 0 && !_stopDeadline.IsCancellationRequested)
            {
                await WriteBatchAsync(_stopDeadline);
            }
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout passed.
        }
        finally
        {
            if (queue.Reader.Count is > 0 and var left)
            {
                LogUnwritten(logger, left);
            }

            ReportDrops(force: true);
            foreach (var file in _files.Values)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>Says once which configured ARNs no <c>--log-destination</c> takes.</summary>
    private async Task ReportUnmappedAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var target in targets.AllAsync(ct))
            {
                _ = Destination(target);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(logger, e.Message);
        }
    }

    private async Task WriteBatchAsync(CancellationToken ct)
    {
        var poolTargets = new Dictionary<string, IReadOnlyList<PoolLogTarget>>(StringComparer.Ordinal);
        var touched = new HashSet<Stream>();
        var stdout = new StringBuilder();
        var collectors = new Dictionary<Uri, int>();
        for (var n = 0; n < BatchSize && queue.Reader.TryRead(out var record); n++)
        {
            if (!poolTargets.TryGetValue(record.UserPoolId, out var configured))
            {
                try
                {
                    configured = await targets.ForPoolAsync(record.UserPoolId, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Delivery is best effort (as Cognito's): a record whose configuration cannot be read is dropped.
                    LogLookupFailed(logger, record.UserPoolId, e.Message);
                    configured = [];
                }

                poolTargets[record.UserPoolId] = configured;
            }

            byte[]? line = null;
            foreach (var target in configured)
            {
                if (target.EventSource != record.ConfiguredSource || Destination(target) is not { } destination)
                {
                    continue;
                }

                line ??= record.ToJsonLine();
                if (destination == "stdout")
                {
                    _ = stdout.Append(Encoding.UTF8.GetString(line));
                }
                else if (LogDestinations.IsOtlp(destination))
                {
                    var url = OtlpLogDelivery.LogsUrl(destination)!;
                    otlp.Write(url, record, target.Arn, line);
                    collectors[url] = collectors.GetValueOrDefault(url) + 1;
                }
                else
                {
                    var file = File(destination["file:".Length..]);
                    await file.WriteAsync(line, ct);
                    _ = touched.Add(file);
                }
            }
        }

        if (stdout.Length > 0)
        {
            // One write per batch: Console.Out is synchronized, so a line never interleaves with the console logger's.
            Console.Out.Write(stdout.ToString());
        }

        foreach (var file in touched)
        {
            await file.FlushAsync(ct);
        }

        foreach (var (url, count) in collectors)
        {
            // The SDK's batch processor sends them; waiting here keeps them out of its own queue's limit, so the
            // bounded queue above is the only place a record is dropped, and counted.
            if (!await Task.Run(() => otlp.Flush(url), ct))
            {
                LogExportTimedOut(logger, count, url.ToString(), OtlpLogDelivery.ExportTimeout.TotalSeconds);
            }
        }

        ReportDrops(force: false);
    }

    /// <summary>The destination of the target's ARN; null (reported once per ARN) when none takes it.</summary>
    private string? Destination(PoolLogTarget target)
    {
        var destination = destinations.Resolve(target.Arn);
        if (destination is null && _reported.Add(target.Arn))
        {
            LogUnmapped(logger, target.Arn, target.UserPoolId, target.EventSource);
        }

        return destination;
    }

    private FileStream File(string path)
    {
        if (!_files.TryGetValue(path, out var file))
        {
            file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
            _files[path] = file;
        }

        return file;
    }

    private void ReportDrops(bool force)
    {
        var dropped = queue.Dropped;
        if (dropped > _droppedReported && (force || clock.GetElapsedTime(_lastDropReport) >= DropReportInterval))
        {
            LogDropped(logger, dropped - _droppedReported, dropped, PoolLogExport.Capacity);
            _droppedReported = dropped;
            _lastDropReport = clock.GetTimestamp();
        }
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "Log delivery: {Arn} (pool {UserPoolId}, {EventSource}) is mapped to no --log-destination; its logs are not written")]
    private static partial void LogUnmapped(ILogger logger, string arn, string userPoolId, string eventSource);

    [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Log delivery: {Count} record(s) dropped because the queue of {Capacity} was full ({Total} since start)")]
    private static partial void LogDropped(ILogger logger, long count, long total, int capacity);

    [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "Log delivery: the configuration of pool {UserPoolId} could not be read; its records of this batch are dropped: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string userPoolId, string error);

    [LoggerMessage(EventId = 73, Level = LogLevel.Warning, Message = "Log delivery: the pools' configurations could not be checked at start-up: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 75, Level = LogLevel.Warning, Message = "Log delivery: {Count} record(s) for the OTLP collector {Url} not exported within {Seconds} s")]
    private static partial void LogExportTimedOut(ILogger logger, int count, string url, double seconds);

    [LoggerMessage(EventId = 74, Level = LogLevel.Warning, Message = "Log delivery: shutting down with {Count} record(s) not written")]
    private static partial void LogUnwritten(ILogger logger, int count);
}
