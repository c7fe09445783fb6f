using System.Security.Cryptography;
using OtpNet;

namespace Ninsho.Core.Features.Mfa;

/// <summary>RFC 6238 TOTP as authenticator apps compute it (SHA-1, 30-s steps, 6 digits) through Otp.NET: the
/// current step and its two neighbours are accepted, and a step no later than the last one used is refused (replay).</summary>
internal sealed class TotpCheck(TimeProvider clock)
{
    /// <summary>A fresh 160-bit secret as AssociateSoftwareToken returns it: 32 base32 characters.</summary>
    public static string NewSecret() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The step <paramref name="code"/> matches, or null when it matches none of the accepted steps or
    /// was already used.</summary>
    public long? Match(string secret, string? code, long lastUsedStep)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var matched = totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1));
        return matched && step > lastUsedStep ? step : null;
    }
}
