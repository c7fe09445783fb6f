using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Security.Srp;

/// <summary>Server-side SRP-6a exactly as Cognito's clients compute it (docs/cognito-behaviour.md#srp-server-math), over the 3072-bit
/// <see cref="SrpGroup.N"/>: powers of g through <see cref="SrpGeneratorPower"/>, the others through
/// <see cref="OpenSslModArithmetic"/> (or <see cref="SrpMontgomery.Pow"/> where libcrypto is missing).</summary>
internal static class SrpMath
{
    /// <summary>Bytes of the server's secret exponent b.</summary>
    public const int SecretBytes = 32;

    private static readonly byte[] DerivedKeyInfo = [.. "Caldera Derived Key"u8, 0x01];

    /// <summary>x = H(padHex(salt) ‖ H(poolName + userId + ":" + password)).</summary>
    public static BigInteger PrivateKey(BigInteger salt, string poolName, string userId, string password)
    {
        var inner = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(poolName + userId + ":" + password)));
        return SrpHex.ToInteger(SrpHex.HashHex(SrpHex.PadHex(salt) + inner));
    }

    /// <summary>v = g^x mod N.</summary>
    public static BigInteger Verifier(BigInteger x) => SrpGeneratorPower.Pow(x);

    /// <summary>A fresh secret exponent b from the CSPRNG (256 bits, never zero).</summary>
    public static BigInteger NewSecret()
    {
        Span<byte> bytes = stackalloc byte[SecretBytes];
        BigInteger b;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            b = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        }
        while (b.IsZero);

        return b;
    }

    /// <summary>B = (k·v + g^b) mod N.</summary>
    public static BigInteger PublicB(BigInteger v, BigInteger b) =>
        ((SrpGroup.K * v) + SrpGeneratorPower.Pow(b)) % SrpGroup.N;

    /// <summary>True when A is usable: 0 &lt; A mod N.</summary>
    public static bool IsValidA(BigInteger a) => a.Sign > 0 && !(a % SrpGroup.N).IsZero;

    /// <summary>u = H(padHex(A) ‖ padHex(B)).</summary>
    public static BigInteger Scrambler(BigInteger a, BigInteger b) => SrpHex.ToInteger(SrpHex.HashHex(SrpHex.PadHex(a) + SrpHex.PadHex(b)));

    /// <summary>S = (A · v^u)^b mod N.</summary>
    public static BigInteger SharedSecret(BigInteger a, BigInteger v, BigInteger u, BigInteger b) =>
        Pow(a * Pow(v, u) % SrpGroup.N, b);

    /// <summary>value^exponent mod N: libcrypto's where it loads, the managed Montgomery power otherwise.</summary>
    internal static BigInteger Pow(BigInteger value, BigInteger exponent) =>
        OpenSslModArithmetic.TryPow(value, exponent) ?? SrpMontgomery.Pow(value, exponent);

    /// <summary>K = HKDF-SHA256(salt = padHex(u), ikm = padHex(S), info = "Caldera Derived Key"), 16 bytes.</summary>
    public static byte[] DerivedKey(BigInteger u, BigInteger s)
    {
        var prk = HMACSHA256.HashData(SrpHex.PadBytes(u), SrpHex.PadBytes(s));
        return HMACSHA256.HashData(prk, DerivedKeyInfo)[..16];
    }

    /// <summary>HMAC-SHA256(K, poolName ‖ userId ‖ secretBlock ‖ timestamp): what PASSWORD_CLAIM_SIGNATURE carries.</summary>
    public static byte[] Signature(byte[] key, string poolName, string userId, ReadOnlySpan<byte> secretBlock, string timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(poolName + userId);
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + secretBlock.Length + suffix.Length];
        prefix.CopyTo(message, 0);
        secretBlock.CopyTo(message.AsSpan(prefix.Length));
        suffix.CopyTo(message, prefix.Length + secretBlock.Length);
        return HMACSHA256.HashData(key, message);
    }

    /// <summary>Compares a client's Base64 signature with the expected one in constant time.</summary>
    public static bool SignatureMatches(byte[] expected, string? given)
    {
        Span<byte> actual = stackalloc byte[64];
        return given is not null
            && Convert.TryFromBase64String(given, actual, out var written)
            && CryptographicOperations.FixedTimeEquals(expected, actual[..written]);
    }
}
