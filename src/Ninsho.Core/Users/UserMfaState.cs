using System.Text.Json;
using System.Text.Json.Serialization;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>A user's MFA state, the <c>mfa</c> part of <see cref="Ninsho.Core.Users.UserState"/>: the TOTP secret
/// (verified and pending), the last TOTP step used (replay), the factors the user enabled and prefers, and legacy
/// MFAOptions.</summary>
internal sealed record UserMfaState
{
    /// <summary>The verified TOTP secret (base32).</summary>
    public string? TotpSecret { get; init; }

    /// <summary>A secret from AssociateSoftwareToken not yet verified.</summary>
    public string? PendingTotpSecret { get; init; }

    /// <summary>The last 30-s step whose code was accepted; a code is good once.</summary>
    public long TotpLastStep { get; init; }

    public string? TotpDeviceName { get; init; }

    public bool SmsEnabled { get; init; }

    public bool TotpEnabled { get; init; }

    public bool EmailEnabled { get; init; }

    /// <summary>SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP.</summary>
    public string? Preferred { get; init; }

    /// <summary>Legacy SMS MFA settings (SetUserSettings).</summary>
    public List<MFAOptionType>? MfaOptions { get; init; }

    /// <summary>Incremented when an MFA challenge is answered, so its session can't be answered twice.</summary>
    public long Completions { get; init; }

    /// <summary>Fields this version does not know (written by a newer one), kept as they were. Settable only
    /// because the source generator cannot fill extension data through an init accessor; never changed after reading.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>The attribute a code for <paramref name="factor"/> is sent to: <c>phone_number</c> for SMS_MFA and
    /// SMS_OTP, else <c>email</c>.</summary>
    public static string DeliveryAttribute(string factor) =>
        factor is ChallengeNameType.SMS_MFA or ChallengeNameType.SMS_OTP ? "phone_number" : "email";

    /// <summary>Whether <paramref name="user"/> can use <paramref name="factor"/>: a verified TOTP secret, or an
    /// attribute to send the code to.</summary>
    public bool CanReceive(StoredUser user, string factor) => factor switch
    {
        ChallengeNameType.SOFTWARE_TOKEN_MFA => TotpSecret is not null,
        _ => user.Attributes.GetValueOrDefault(DeliveryAttribute(factor)) is { Length: > 0 },
    };

    /// <summary>UserMFASettingList: the factors the user has turned on, in Cognito's order.</summary>
    public List<string> EnabledFactors()
    {
        var list = new List<string>();
        if (SmsEnabled || MfaOptions is { Count: > 0 })
        {
            list.Add(ChallengeNameType.SMS_MFA);
        }

        if (TotpEnabled && TotpSecret is not null)
        {
            list.Add(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        }

        if (EmailEnabled)
        {
            list.Add(ChallengeNameType.EMAIL_OTP);
        }

        return list;
    }
}
