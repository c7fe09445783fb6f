using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Ninsho.Server.Tests;

/// <summary>
/// An RFC 6238 TOTP written here from the RFC (HMAC-SHA1, 30-s steps, 6 digits, base32 secret), independent of the
/// server's Otp.NET, so a test computes codes the way an authenticator app does.
/// </summary>
public static class TestTotp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code for the 30-s step that contains <paramref name="at"/>.</summary>
    public static string Code(string base32Secret, DateTimeOffset at)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 TOTP as authenticator apps compute it is HMAC-SHA1.
        var hash = HMACSHA1.HashData(Decode(base32Secret), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The code of the current step.</summary>
    public static string Now(string secret) => Code(secret, TimeProvider.System.GetUtcNow());

    /// <summary>The code of the next step (the server accepts the neighbouring steps; a step is good only once).</summary>
    public static string Next(string secret) => Code(secret, TimeProvider.System.GetUtcNow().AddSeconds(30));

    private static byte[] Decode(string base32)
    {
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in base32.TrimEnd('='))
        {
            value = (value << 5) | Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
