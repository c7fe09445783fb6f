using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>CreateUserPool and UpdateUserPool keep the legacy <c>EmailVerificationMessage</c>,
/// <c>EmailVerificationSubject</c> and <c>SmsVerificationMessage</c> equal to the verification message template's
/// fields, field by field; the template wins when both are given, and a field the template leaves out keeps the
/// legacy value (docs/compatibility-schema.md, "Verification messages").</summary>
internal static class LegacyVerificationMessages
{
    public static UserPoolType Fill(UserPoolType config, VerificationMessageTemplateType? template) => config with
    {
        EmailVerificationMessage = template?.EmailMessage ?? config.EmailVerificationMessage,
        EmailVerificationSubject = template?.EmailSubject ?? config.EmailVerificationSubject,
        SmsVerificationMessage = template?.SmsMessage ?? config.SmsVerificationMessage,
    };
}
