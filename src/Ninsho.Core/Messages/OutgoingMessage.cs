namespace Ninsho.Core.Messages;

/// <summary>A rendered message for one recipient.</summary>
public sealed record OutgoingMessage
{
    public required string UserPoolId { get; init; }

    /// <summary>The internal username of the user it is for.</summary>
    public string? Username { get; init; }

    /// <summary>An email address or a phone number.</summary>
    public required string Recipient { get; init; }

    /// <summary><c>EMAIL</c> or <c>SMS</c>.</summary>
    public required string Medium { get; init; }

    /// <summary>The email subject; null for SMS.</summary>
    public string? Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>The code or temporary password in the body.</summary>
    public string? Code { get; init; }

    /// <summary>How long <see cref="Code"/> works; null when the sender cannot tell (the outbox then assumes a day).</summary>
    public TimeSpan? CodeValidity { get; init; }

    /// <summary>Hides the code from <c>ToString()</c> (and so from logs).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        _ = builder.Append("UserPoolId = ").Append(UserPoolId)
            .Append(", Recipient = ").Append(Recipient)
            .Append(", Medium = ").Append(Medium)
            .Append(", Code = ***");
        return true;
    }
}
