namespace Ninsho.Core.Messages;

/// <summary>Delivers the messages Cognito would send (codes, invitations). The default keeps them in the
/// storage's outbox; a host may register another (SMTP) with the same contract.</summary>
public interface IMessageSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}
