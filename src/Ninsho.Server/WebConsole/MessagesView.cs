using Ninsho.Storage;

namespace Ninsho.Server.WebConsole;

/// <summary>The outbox, newest first, optionally of one pool and one recipient.</summary>
public sealed record MessagesView(string? Pool, string? Recipient, IReadOnlyList<StoredMessage> Messages)
{
    public long Newest => Messages.Count > 0 ? Messages[0].Id : 0;
}
