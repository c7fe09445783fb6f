using Ninsho.Core.Messages;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The one-time codes of SMS_MFA, EMAIL_OTP and SMS_OTP: six digits, good for three minutes, sent
/// through the message sender (the outbox by default) and kept hashed in the user's state.</summary>
internal sealed class ChallengeCodes(OneTimeCodes codes, UserUpdater updater, CodeDelivery delivery)
{
    /// <summary>Cognito's default SMS authentication message (the console's default; also used for email here,
    /// whose default wording is a guess).</summary>
    public const string DefaultMessage = "Your authentication code is {####}. ";
    public const string DefaultSubject = "Your authentication code";
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(3);

    /// <summary>Sends a code for <paramref name="challenge"/> (the custom message trigger may replace the text,
    /// docs/triggers.md#custommessage); returns the challenge parameters that describe where.</summary>
    public async Task<Dictionary<string, string>> SendAsync(SignInContext signIn, StoredUser user, string challenge, CancellationToken ct)
    {
        var pool = signIn.Pool;
        var attribute = UserMfaState.DeliveryAttribute(challenge);
        var destination = user.Attributes.GetValueOrDefault(attribute)
            ?? throw CognitoErrors.NoDeliveryForFactor(challenge);
        var code = "";
        _ = await updater.UpdateAsync(user, u =>
        {
            (code, var state) = codes.Issue(UserState.Read(u), Purpose(challenge), Validity);
            return u with { ExtraJson = state.Write() };
        }, ct);
        var sms = attribute == "phone_number";
        await delivery.SendCodeAsync(
            pool, user, attribute, destination,
            sms ? null : pool.Mfa.Email?.Subject ?? DefaultSubject,
            sms ? pool.Config.SmsAuthenticationMessage ?? DefaultMessage : pool.Mfa.Email?.Message ?? DefaultMessage,
            code, Validity, MessageOrigin.Of(CustomMessage.AuthenticationSource, signIn.Client.ClientId, signIn.ClientMetadata), ct);
        var details = CodeDelivery.Details(attribute, destination);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CODE_DELIVERY_DELIVERY_MEDIUM"] = details.DeliveryMedium!,
            ["CODE_DELIVERY_DESTINATION"] = details.Destination!,
        };
    }

    /// <summary>Checks the code; when right applies <paramref name="onValid"/> in the same write. Wrong →
    /// CodeMismatchException; expired or never sent → ExpiredCodeException; too many wrong → the session is spent.</summary>
    public async Task<StoredUser> ConsumeAsync(StoredUser user, string challenge, string code, Func<StoredUser, StoredUser> onValid, CancellationToken ct)
    {
        var outcome = CodeCheck.Missing;
        var updated = await updater.UpdateAsync(user, u =>
        {
            (outcome, var state) = codes.Check(UserState.Read(u), Purpose(challenge), code);
            var next = u with { ExtraJson = state.Write() };
            return outcome == CodeCheck.Valid ? onValid(next) : next;
        }, ct);
        return outcome switch
        {
            CodeCheck.Valid => updated,
            CodeCheck.Mismatch => throw CognitoErrors.MfaCodeMismatch(),
            CodeCheck.TooManyAttempts => throw CognitoErrors.InvalidSession(),
            _ => throw CognitoErrors.ExpiredCode(),
        };
    }

    private static string Purpose(string challenge) => "challenge:" + challenge;
}
