using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Ninsho.Core.Diagnostics;
using Ninsho.Core.Messages;

namespace Ninsho.Server.Messaging;

/// <summary>Sends the queued emails through the configured SMTP server, one connection per email, retrying a
/// failed send twice (after 2 s and 10 s). An email that still fails is logged (pool, attempt, error; never the code)
/// and dropped: its copy stays in the outbox.</summary>
internal sealed partial class SmtpDeliveryService(SmtpOptions options, EmailBacklog queue, TimeProvider clock, ILogger<SmtpDeliveryService> logger)
    : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)];
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued stays in the outbox.
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
                if (attempt > RetryDelays.Length)
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
}
