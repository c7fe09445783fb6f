using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Ninsho.Core.Diagnostics;
using Ninsho.Core.Messages;
using Ninsho.Core.Pools;

namespace Ninsho.Server.Messaging;

/// <summary>Sends the queued emails through the configured SMTP server, one connection per email, retrying a
/// failed send twice (after 2 s and 10 s). An email that still fails is logged (pool, attempt, error; never the code)
/// and dropped: its copy stays in the outbox. Every failed attempt is also a <c>userNotification</c> record for log
/// delivery. At shutdown the emails still queued are sent before the process exits, within the shutdown timeout;
/// those it leaves unsent are counted in one warning (docs/operations.md#stopping).</summary>
internal sealed partial class SmtpDeliveryService(
    SmtpOptions options, EmailBacklog queue, TimeProvider clock, PoolLogExport logs, ILogger<SmtpDeliveryService> logger)
    : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)];
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Cancelled when the shutdown timeout runs out: sends stop then, not at SIGTERM.</summary>
    private readonly CancellationTokenSource _abort = new();
    private int _sending;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var deadline = cancellationToken.Register(_abort.Cancel);
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            if (queue.Reader.Count + Volatile.Read(ref _sending) is > 0 and var unsent)
            {
                LogUnsent(logger, unsent);
            }
        }
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await SendQueuedAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM: no new requests come (Kestrel stopped first); send what is queued until the timeout.
        }

        try
        {
            await SendQueuedAsync();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The shutdown timeout passed: StopAsync reports what is left.
        }
    }

    private async Task SendQueuedAsync()
    {
        while (!_abort.IsCancellationRequested && queue.Reader.TryRead(out var message))
        {
            Volatile.Write(ref _sending, 1);
            await DeliverAsync(message, _abort.Token);
            Volatile.Write(ref _sending, 0);
        }
    }

    private async Task DeliverAsync(OutgoingMessage message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendOnceAsync(message, ct);
                NinshoTelemetry.Emails.Add(1, new KeyValuePair<string, object?>("result", "sent"));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var last = attempt > RetryDelays.Length;
                logs.DeliveryFailed(message.UserPoolId, clock.GetUtcNow(), last
                    ? $"Email to user {message.Username} by SMTP failed (attempt {attempt} of {attempt}); it was not sent: {e.Message}"
                    : $"Email to user {message.Username} by SMTP failed (attempt {attempt} of {RetryDelays.Length + 1}); retrying in {RetryDelays[attempt - 1].TotalSeconds:0} s: {e.Message}");
                if (last)
                {
                    LogGaveUp(logger, e, message.UserPoolId, attempt);
                    NinshoTelemetry.Emails.Add(1, new KeyValuePair<string, object?>("result", "failed"));
                    return;
                }

                LogRetry(logger, message.UserPoolId, attempt, e.Message);
                NinshoTelemetry.Emails.Add(1, new KeyValuePair<string, object?>("result", "retried"));
                await Task.Delay(RetryDelays[attempt - 1], clock, ct);
            }
        }
    }
    private async Task SendOnceAsync(OutgoingMessage message, CancellationToken ct)
    {
        using var email = new MimeMessage();
        email.From.Add(MailboxAddress.Parse(options.From));
        email.To.Add(MailboxAddress.Parse(message.Recipient));
        email.Subject = message.Subject ?? string.Empty;
        email.Body = new TextPart(LooksLikeHtml(message.Body) ? "html" : "plain") { Text = message.Body };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        using var client = new SmtpClient { Timeout = (int)SendTimeout.TotalMilliseconds };
        var security = options.Tls switch
        {
            SmtpTls.Tls => SecureSocketOptions.SslOnConnect,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(options.Host, options.EffectivePort, security, timeout.Token);
        if (options.User is { } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? string.Empty, timeout.Token);
        }

        _ = await client.SendAsync(email, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    /// <summary>Pool templates may be HTML (Cognito allows tags in email messages); plain text otherwise.</summary>
    private static bool LooksLikeHtml(string body) =>
        body.Contains("<br", StringComparison.OrdinalIgnoreCase)
        || body.Contains("<p", StringComparison.OrdinalIgnoreCase)
        || body.Contains("<a ", StringComparison.OrdinalIgnoreCase)
        || body.Contains("<html", StringComparison.OrdinalIgnoreCase)
        || body.Contains("<div", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "SMTP send for pool {UserPoolId} failed (attempt {Attempt}), retrying: {Error}")]
    private static partial void LogRetry(ILogger logger, string userPoolId, int attempt, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "SMTP send for pool {UserPoolId} failed {Attempts} times; the email stays in the outbox only")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string userPoolId, int attempts);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Shutting down with {Count} queued email(s) not sent by SMTP; they stay in the outbox")]
    private static partial void LogUnsent(ILogger logger, int count);
}
