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
