using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Messages;

/// <summary>The pool's message templates with Cognito's defaults (docs/cognito-behaviour.md#admincreateuser-and-temporary-passwords, #codes-sign-up-and-password-reset):
/// <c>{####}</c> is the code or temporary password, <c>{username}</c> the username.</summary>
internal static class MessageTemplates
{
    public const string DefaultVerificationMessage = "Your verification code is {####}. ";
    public const string DefaultVerificationSubject = "Your verification code";
    public const string DefaultInviteMessage = "Your username is {username} and temporary password is {####}. ";
    public const string DefaultInviteSubject = "Your temporary password";

    public static (string? Subject, string Body) Verification(UserPoolSettings pool, string medium)
    {
        var t = pool.Config.VerificationMessageTemplate;
        return medium == DeliveryMediumType.SMS
            ? (null, t?.SmsMessage ?? pool.Config.SmsVerificationMessage ?? DefaultVerificationMessage)
            : (t?.EmailSubject ?? pool.Config.EmailVerificationSubject ?? DefaultVerificationSubject,
               t?.EmailMessage ?? pool.Config.EmailVerificationMessage ?? DefaultVerificationMessage);
    }

    /// <summary>Cognito's defaults for a verification link (DefaultEmailOption CONFIRM_WITH_LINK,
    /// docs/hosted-ui-and-oauth.md#the-verification-link).</summary>
    public const string DefaultLinkMessage = "Please click the link below to verify your email address. {##Verify Email##} ";
    public const string DefaultLinkSubject = "Your verification link";

    /// <summary>Whether the sign-up code for <paramref name="medium"/> goes as a link (email, CONFIRM_WITH_LINK).</summary>
    public static bool ByLink(UserPoolSettings pool, string medium) =>
        medium == DeliveryMediumType.EMAIL && pool.Config.VerificationMessageTemplate?.DefaultEmailOption == DefaultEmailOptionType.CONFIRM_WITH_LINK;

    public static (string? Subject, string Body) VerificationByLink(UserPoolSettings pool)
    {
        var t = pool.Config.VerificationMessageTemplate;
        return (t?.EmailSubjectByLink ?? DefaultLinkSubject, t?.EmailMessageByLink ?? DefaultLinkMessage);
    }

    /// <summary>Replaces each <c>{##text##}</c> with a link to <paramref name="url"/> showing the text.</summary>
    public static string RenderLink(string body, string url) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\\{##(.*?)##\\}",
            m => $"<a href=\"{System.Net.WebUtility.HtmlEncode(url)}\">{m.Groups[1].Value}</a>", System.Text.RegularExpressions.RegexOptions.Singleline);

    public static (string? Subject, string Body) Invitation(UserPoolSettings pool, string medium)
    {
        var t = pool.Config.AdminCreateUserConfig?.InviteMessageTemplate;
        return medium == DeliveryMediumType.SMS
            ? (null, t?.SMSMessage ?? DefaultInviteMessage)
            : (t?.EmailSubject ?? DefaultInviteSubject, t?.EmailMessage ?? DefaultInviteMessage);
    }

    public static string Render(string template, string code, string username) =>
        template.Replace("{####}", code, StringComparison.Ordinal).Replace("{username}", username, StringComparison.Ordinal);
}
