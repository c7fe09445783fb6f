using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ninsho.Core.Messages;

/// <summary>Six-digit one-time codes kept in the user's ExtraJson under <c>codes.&lt;purpose&gt;</c>: only a
/// SHA-256 hash, the expiry and the failed attempts are stored. A code is single use; a new one replaces the old;
/// after <see cref="MaxAttempts"/> wrong guesses the code is dropped.</summary>
internal sealed class OneTimeCodes(TimeProvider clock)
{
    public const int MaxAttempts = 5;
    public const string SignUp = "signup";
    public const string ForgotPassword = "forgot";
    public static readonly TimeSpan SignUpValidity = TimeSpan.FromHours(24);
    public static readonly TimeSpan ForgotPasswordValidity = TimeSpan.FromHours(1);

    public static string Verify(string attribute) => "verify:" + attribute;

    /// <summary>A fresh code for <paramref name="purpose"/>, and the ExtraJson that remembers it.</summary>
    public (string Code, string ExtraJson) Issue(string? extraJson, string purpose, TimeSpan validity)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var root = Parse(extraJson);
        var codes = root["codes"] as JsonObject ?? [];
        root["codes"] = codes;
        codes[purpose] = new JsonObject
        {
            ["hash"] = Hash(purpose, code),
            ["expires"] = (clock.GetUtcNow() + validity).ToUnixTimeMilliseconds(),
            ["attempts"] = 0,
        };
        return (code, root.ToJsonString());
    }

    /// <summary>Checks <paramref name="code"/>; returns the ExtraJson to store afterwards (code consumed when valid,
    /// dropped when expired or exhausted, one more attempt counted on a mismatch).</summary>
    public (CodeCheck Outcome, string? ExtraJson) Check(string? extraJson, string purpose, string code)
    {
        var root = Parse(extraJson);
        if (root["codes"] is not JsonObject codes || codes[purpose] is not JsonObject entry)
        {
            return (CodeCheck.Missing, extraJson);
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(entry["expires"]!.GetValue<long>());
        var attempts = entry["attempts"]!.GetValue<int>();
        if (clock.GetUtcNow() >= expires)
        {
            _ = codes.Remove(purpose);
            return (CodeCheck.Expired, root.ToJsonString());
        }

        if (!CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(entry["hash"]!.GetValue<string>()), Encoding.ASCII.GetBytes(Hash(purpose, code))))
        {
            if (attempts + 1 >= MaxAttempts)
            {
                _ = codes.Remove(purpose);
                return (CodeCheck.TooManyAttempts, root.ToJsonString());
            }

            entry["attempts"] = attempts + 1;
            return (CodeCheck.Mismatch, root.ToJsonString());
        }

        _ = codes.Remove(purpose);
        return (CodeCheck.Valid, root.ToJsonString());
    }

    /// <summary>True when a code for <paramref name="purpose"/> is pending (issued, not used, maybe expired).</summary>
    public static bool HasPending(string? extraJson, string purpose) =>
        Parse(extraJson)["codes"] is JsonObject codes && codes[purpose] is JsonObject;

    private static JsonObject Parse(string? extraJson) =>
        extraJson is { Length: > 0 } && JsonNode.Parse(extraJson) is JsonObject o ? o : [];

    private static string Hash(string purpose, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + code)));
}
