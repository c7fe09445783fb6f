using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Users;

namespace Ninsho.Core.Messages;

/// <summary>Six-digit one-time codes kept in the user's state (<see cref="UserState.Codes"/>, <c>codes.&lt;purpose&gt;</c>): only a
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

    /// <summary>A fresh code for <paramref name="purpose"/>, and the state that remembers it.</summary>
    public (string Code, UserState State) Issue(UserState state, string purpose, TimeSpan validity)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var entry = new UserState.OneTimeCode
        {
            Hash = Hash(purpose, code),
            Expires = (clock.GetUtcNow() + validity).ToUnixTimeMilliseconds(),
            Attempts = 0,
        };
        return (code, state with { Codes = (state.Codes ?? ImmutableDictionary<string, UserState.OneTimeCode>.Empty).SetItem(purpose, entry) });
    }

    /// <summary>Checks <paramref name="code"/>; returns the state to store afterwards (code consumed when valid,
    /// dropped when expired or exhausted, one more attempt counted on a mismatch).</summary>
    public (CodeCheck Outcome, UserState State) Check(UserState state, string purpose, string code)
    {
        if (state.Codes is not { } codes || !codes.TryGetValue(purpose, out var entry))
        {
            return (CodeCheck.Missing, state);
        }

        if (clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeMilliseconds(entry.Expires))
        {
            return (CodeCheck.Expired, state with { Codes = codes.Remove(purpose) });
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry.Hash), Encoding.ASCII.GetBytes(Hash(purpose, code))))
        {
            return entry.Attempts + 1 >= MaxAttempts
                ? (CodeCheck.TooManyAttempts, state with { Codes = codes.Remove(purpose) })
                : (CodeCheck.Mismatch, state with { Codes = codes.SetItem(purpose, entry with { Attempts = entry.Attempts + 1 }) });
        }

        return (CodeCheck.Valid, state with { Codes = codes.Remove(purpose) });
    }

    /// <summary>True when a code for <paramref name="purpose"/> is pending (issued, not used, maybe expired).</summary>
    public static bool HasPending(UserState state, string purpose) => state.Codes?.ContainsKey(purpose) == true;

    private static string Hash(string purpose, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + code)));
}
