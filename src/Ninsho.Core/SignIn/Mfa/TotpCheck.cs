using System.Security.Cryptography;
using Ninsho.Protocol.Errors;
using OtpNet;

namespace Ninsho.Core.SignIn;

/// <summary>RFC 6238 TOTP as authenticator apps compute it (SHA-1, 30-s steps, 6 digits) through Otp.NET: the
/// current step and its two neighbours are accepted, and a step no later than the last one used is refused (replay).</summary>
internal sealed class TotpCheck(TimeProvider clock)
{
    /// <summary>A fresh 160-bit secret as AssociateSoftwareToken returns it: 32 base32 characters.</summary>
    public static string NewSecret() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The step <paramref name="code"/> matches, or null when it matches none of the accepted steps. A code
    /// whose step is no later than <paramref name="lastUsedStep"/> was already used: ExpiredCodeException.</summary>
    public long? Match(string secret, string? code, long lastUsedStep)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var matched = totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1));
        if (!matched)
        {
            return null;
        }

        CheckUnused(step, lastUsedStep);
        return step;
    }

    /// <summary>Re-checked inside the user's write, so two nodes can't both accept one code.</summary>
    public static void CheckUnused(long step, long lastUsedStep)
    {
        if (step <= lastUsedStep)
        {
            throw CognitoErrors.SoftwareTokenUsed();
        }
    }
}
