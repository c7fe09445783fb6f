using System.Net;
using Ninsho.Core.Pools;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Messages;

/// <summary>Where codes and invitations go, rendered from the pool's templates and handed to the sender; or, when the
/// pool has a custom sender for the medium, handed encrypted to that function instead (docs/triggers.md#customemailsender-and-customsmssender).</summary>
internal sealed class CodeDelivery(IMessageSender sender, LambdaTriggers triggers, CustomSenders senders, INinshoStorage storage, IIssuerUrls urls)
{
    private static readonly string[] PhoneThenEmail = ["phone_number", "email"];

    /// <summary>The attribute a sign-up code goes to: an auto-verified email or phone the user has
    /// (phone first when both are auto-verified, as Cognito does).</summary>
    public static string? SignUpAttribute(UserPoolSettings pool, StoredUser user)
    {
        var auto = pool.Config.AutoVerifiedAttributes ?? [];
        return PhoneThenEmail.FirstOrDefault(a => auto.Contains(a) && user.Attributes.GetValueOrDefault(a) is { Length: > 0 });
    }

    /// <summary>The verified attribute a password-reset code goes to (docs/cognito-behaviour.md#codes-sign-up-and-password-reset): AccountRecoverySetting by priority,
    /// or verified phone then verified email when it is unset; null when there is none.</summary>
    public static string? RecoveryAttribute(UserPoolSettings pool, StoredUser user)
    {
        var order = pool.Config.AccountRecoverySetting?.RecoveryMechanisms is { Count: > 0 } mechanisms
            ? mechanisms.OrderBy(m => m.Priority ?? int.MaxValue).Select(m => m.Name switch
            {
                RecoveryOptionNameType.verified_email => "email",
                RecoveryOptionNameType.verified_phone_number => "phone_number",
                _ => null,
            })
            : PhoneThenEmail;
        return order.FirstOrDefault(a => a is not null
            && user.Attributes.GetValueOrDefault(a) is { Length: > 0 }
            && user.Attributes.GetValueOrDefault(a + "_verified") == "true");
    }

    public static string MediumOf(string attribute) => attribute == "phone_number" ? DeliveryMediumType.SMS : DeliveryMediumType.EMAIL;

    public static CodeDeliveryDetailsType Details(string attribute, string destination) => new()
    {
        AttributeName = attribute,
        DeliveryMedium = MediumOf(attribute),
        Destination = attribute == "phone_number" ? DestinationMask.Phone(destination) : DestinationMask.Email(destination),
    };

    /// <summary>Sends a verification code for <paramref name="attribute"/> to <paramref name="destination"/> (a value
    /// the user does not have yet, when the pool holds changes until they are verified).</summary>
    public async Task<CodeDeliveryDetailsType> SendCodeAsync(
        UserPoolSettings pool, StoredUser user, string attribute, string destination, string code, TimeSpan validity, MessageOrigin origin, CancellationToken ct)
    {
        var (templateSubject, templateBody) = MessageTemplates.Verification(pool, MediumOf(attribute));
        string? link = null;
        if (origin.TriggerSource is CustomMessage.SignUpSource or CustomMessage.ResendCodeSource && origin.ClientId is { } clientId
            && MessageTemplates.ByLink(pool, MediumOf(attribute)))
        {
            // The sign-up code as the hosted UI's verification link (docs/hosted-ui-and-oauth.md#the-verification-link).
            (templateSubject, templateBody) = MessageTemplates.VerificationByLink(pool);
            var domain = (await storage.Domains.ListForPoolAsync(pool.Id, ct)).FirstOrDefault(d => !d.IsCustom)?.Domain;
            link = urls.PublicBaseUrl + (domain is null ? "" : "/domain/" + Uri.EscapeDataString(domain)) + "/confirmUser?client_id="
                + Uri.EscapeDataString(clientId) + "&user_name=" + Uri.EscapeDataString(user.Username) + "&confirmation_code=" + Uri.EscapeDataString(code);
        }

        await SendCodeAsync(pool, user, attribute, destination, templateSubject, templateBody, code, validity, origin, ct, link);
        return Details(attribute, destination);
    }

    /// <summary>Sends <paramref name="code"/> to <paramref name="destination"/> in the pool's text for it
    /// (<paramref name="templateSubject"/>, <paramref name="templateBody"/>), which the custom message trigger may
    /// replace first (docs/triggers.md#custommessage).</summary>
    public async Task SendCodeAsync(
        UserPoolSettings pool, StoredUser user, string attribute, string destination, string? templateSubject, string templateBody,
        string code, TimeSpan validity, MessageOrigin origin, CancellationToken ct, string? link = null)
    {
        var medium = MediumOf(attribute);
        if (await senders.TrySendAsync(pool, origin, user, medium, code, ct))
        {
            return;
        }

        var (subject, body) = await CustomMessage.ComposeAsync(triggers, pool, origin, user, medium, templateSubject, templateBody, ct);
        await sender.SendAsync(new OutgoingMessage
        {
            UserPoolId = pool.Id,
            Username = user.Username,
            Recipient = destination,
            Medium = medium,
            Subject = subject,
            Body = link is null ? MessageTemplates.Render(body, code, user.Username) : MessageTemplates.RenderLink(MessageTemplates.Render(body, code, user.Username), link),
            Code = code,
            CodeValidity = validity,
        }, ct);
    }

    /// <summary>AdminCreateUser's invitation with the temporary password, by each desired medium the user can
    /// receive (EMAIL needs email, SMS needs phone_number; SMS when none is asked for).</summary>
    public async Task SendInvitationAsync(
        UserPoolSettings pool, StoredUser user, string password, IReadOnlyList<string>? mediums, MessageOrigin origin, CancellationToken ct)
    {
        foreach (var medium in mediums is { Count: > 0 } ? mediums.Distinct(StringComparer.Ordinal) : [DeliveryMediumType.SMS])
        {
            var attribute = medium == DeliveryMediumType.SMS ? "phone_number" : "email";
            if (user.Attributes.GetValueOrDefault(attribute) is not { Length: > 0 } destination)
            {
                continue;
            }

            // Cognito HTML-escapes a temporary password before encrypting it for the sender.
            if (await senders.TrySendAsync(pool, origin, user, medium, WebUtility.HtmlEncode(password), ct))
            {
                continue;
            }

            var (templateSubject, templateBody) = MessageTemplates.Invitation(pool, medium);
            var (subject, body) = await CustomMessage.ComposeAsync(triggers, pool, origin, user, medium, templateSubject, templateBody, ct);
            await sender.SendAsync(new OutgoingMessage
            {
                UserPoolId = pool.Id,
                Username = user.Username,
                Recipient = destination,
                Medium = medium,
                Subject = subject,
                Body = MessageTemplates.Render(body, password, user.Username),
                Code = password,
                CodeValidity = PasswordRules.TemporaryPasswordValidity(pool),
            }, ct);
        }
    }
}
