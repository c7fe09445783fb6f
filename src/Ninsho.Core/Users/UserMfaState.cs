using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Users;

/// <summary>A user's MFA state, kept in StoredUser.ExtraJson under <c>mfa</c>: the TOTP secret (verified and
/// pending), the last TOTP step used (replay), the factors the user enabled and prefers, and legacy MFAOptions.</summary>
internal sealed record UserMfaState
{
    public const string Key = "mfa";

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

    public static UserMfaState Read(string? extraJson) =>
        extraJson is { Length: > 0 } && JsonNode.Parse(extraJson) is JsonObject root && root[Key] is JsonObject stored
            ? stored.Deserialize(CoreJsonContext.Default.UserMfaState) ?? new UserMfaState()
            : new UserMfaState();

    public static string Write(string? extraJson, UserMfaState state)
    {
        var root = extraJson is { Length: > 0 } && JsonNode.Parse(extraJson) is JsonObject o ? o : [];
        root[Key] = JsonSerializer.SerializeToNode(state, CoreJsonContext.Default.UserMfaState);
        return root.ToJsonString();
    }

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
