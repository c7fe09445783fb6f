namespace Ninsho.Testing;

/// <summary>A message the server sent, as the outbox keeps it (<c>GET /_ninsho/outbox</c>): sign-up and reset codes,
/// invitations with temporary passwords, MFA codes.</summary>
/// <param name="Id">Increasing id; pass it as <c>after</c> to wait for a later message.</param>
/// <param name="UserPoolId">The user pool that sent it.</param>
/// <param name="Username">The user it was sent to.</param>
/// <param name="Recipient">The email address or phone number.</param>
/// <param name="Medium"><c>EMAIL</c> or <c>SMS</c>.</param>
/// <param name="Subject">The email's subject (null for SMS).</param>
/// <param name="Body">The text as sent.</param>
/// <param name="Code">The code or temporary password in it, when it carries one.</param>
/// <param name="CreatedAt">When it was sent, by the server's clock.</param>
public sealed record NinshoOutboxMessage(
    long Id,
    string UserPoolId,
    string Username,
    string Recipient,
    string Medium,
    string? Subject,
    string Body,
    string? Code,
    DateTimeOffset CreatedAt);
