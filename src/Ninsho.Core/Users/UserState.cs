using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ninsho.Core.Security.Srp;
using Ninsho.Core.Serialization;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>
/// Everything Core keeps about a user beyond StoredUser's columns, stored as <see cref="StoredUser.ExtraJson"/>:
/// one property per part, named by its top-level JSON key. Read it with <see cref="Read(StoredUser)"/>, change it
/// with <c>with</c>, store it with <c>user with { ExtraJson = state.Write() }</c>. Keys this version does not know
/// (written by a newer one) are kept in <see cref="Unknown"/> and written back. See docs/architecture.md, "Typed user state".
/// </summary>
internal sealed record UserState
{
    /// <summary>MFA factors, TOTP secret and answered-challenge count; defaults when the user has none.</summary>
    [JsonIgnore]
    public UserMfaState Mfa { get => StoredMfa ?? new UserMfaState(); init => StoredMfa = value; }

    /// <summary><see cref="Mfa"/> as stored under <c>mfa</c>; null (no key) until something sets it.</summary>
    [JsonPropertyName("mfa")]
    public UserMfaState? StoredMfa { get; init; }

    /// <summary>The SRP salt and verifier of the current password; null for a password set before SRP existed,
    /// until the next password sign-in adds it.</summary>
    [JsonIgnore]
    public SrpCredential? Srp
    {
        get => StoredSrp is { Salt: { } salt, Verifier: { } verifier } ? new SrpCredential(salt, verifier) : null;
        init => StoredSrp = value is null ? null : new SrpVerifier { Salt = value.Salt, Verifier = value.Verifier };
    }

    /// <summary><see cref="Srp"/> as stored under <c>srp</c>.</summary>
    [JsonPropertyName("srp")]
    public SrpVerifier? StoredSrp { get; init; }

    /// <summary>New email/phone_number values held until verified, by attribute name (PendingAttributes).</summary>
    [JsonPropertyName("pendingAttributes")]
    public ImmutableDictionary<string, string>? PendingAttributes { get; init; }

    /// <summary>Times (Unix ms) of the codes the user asked for, by purpose (CodeRequestLimit).</summary>
    [JsonPropertyName("codeRequests")]
    public ImmutableDictionary<string, ImmutableArray<long>>? CodeRequests { get; init; }

    /// <summary>Issued one-time codes not yet used, by purpose (OneTimeCodes).</summary>
    [JsonPropertyName("codes")]
    public ImmutableDictionary<string, OneTimeCode>? Codes { get; init; }

    /// <summary>Top-level keys this version does not know, kept as they were. Settable only because the source
    /// generator cannot fill extension data through an init accessor; never changed after reading.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public static UserState Read(StoredUser user) => Read(user.ExtraJson);

    public static UserState Read(string? extraJson) =>
        extraJson is { Length: > 0 } ? JsonSerializer.Deserialize(extraJson, CoreJsonContext.Default.UserState) ?? new UserState() : new UserState();

    /// <summary>Only <see cref="Mfa"/> of the stored state: what AdminGetUser, GetUser and a sign-in's MFA step read.
    /// The rest (the SRP verifier above all, ~800 characters) is skipped rather than copied into strings, which
    /// was 3 % of an AdminGetUser.</summary>
    public static UserMfaState ReadMfa(StoredUser user) =>
        user.ExtraJson is { Length: > 0 } json ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.StoredMfaOnly)?.Mfa ?? new UserMfaState() : new UserMfaState();

    /// <summary>The JSON to store as ExtraJson.</summary>
    public string Write() => JsonSerializer.Serialize(this, CoreJsonContext.Default.UserState);

    /// <summary>The <c>mfa</c> key of the stored state alone (<see cref="ReadMfa"/>); never written.</summary>
    internal sealed record StoredMfaOnly
    {
        [JsonPropertyName("mfa")]
        public UserMfaState? Mfa { get; init; }
    }

    /// <summary>The stored shape of <see cref="Srp"/>: <c>{"salt": hex, "verifier": hex}</c>.</summary>
    internal sealed record SrpVerifier
    {
        [JsonPropertyName("salt")]
        public string? Salt { get; init; }

        [JsonPropertyName("verifier")]
        public string? Verifier { get; init; }
    }

    /// <summary>One issued code: its SHA-256 hash (hex), expiry (Unix ms) and the wrong guesses so far.</summary>
    internal sealed record OneTimeCode
    {
        [JsonPropertyName("hash")]
        public string Hash { get; init; } = "";

        [JsonPropertyName("expires")]
        public long Expires { get; init; }

        [JsonPropertyName("attempts")]
        public int Attempts { get; init; }
    }
}
