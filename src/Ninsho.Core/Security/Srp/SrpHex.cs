using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Ninsho.Core.Security.Srp;

/// <summary>The hex conventions of Cognito's SRP clients (docs/cognito-behaviour.md#srp-constants-and-hex-conventions): integers travel as hex, and
/// hashes are taken over the bytes a hex string spells, with <see cref="PadHex"/> deciding those bytes.</summary>
internal static class SrpHex
{
    /// <summary>The non-negative integer a hex string spells (any case, any length, no sign).</summary>
    public static BigInteger ToInteger(string hex) => new(FromHex(hex), isUnsigned: true, isBigEndian: true);

    /// <summary>Like <see cref="ToInteger"/>, false for an empty or non-hex string.</summary>
    public static bool TryToInteger(string? hex, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (string.IsNullOrEmpty(hex) || hex.Length > 4096 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        value = ToInteger(hex);
        return true;
    }

    /// <summary>Java's <c>BigInteger.toByteArray()</c> as lower-case hex: even length, and a leading <c>00</c> when
    /// the first nibble would be 8–f. Only for non-negative values.</summary>
    public static string PadHex(BigInteger value) => Convert.ToHexStringLower(PadBytes(value));

    /// <summary>The bytes <see cref="PadHex"/> spells.</summary>
    public static byte[] PadBytes(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "SRP values are non-negative.");
        }

        // Signed big-endian bytes are exactly Java's toByteArray for non-negative values.
        return value.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>SHA-256 over the bytes spelled by <paramref name="hex"/>, as 64 lower-case hex digits.</summary>
    public static string HashHex(string hex) => Convert.ToHexStringLower(SHA256.HashData(FromHex(hex)));

    /// <summary>The big-endian bytes of <paramref name="value"/> left-padded with zeros to <paramref name="length"/>.</summary>
    public static byte[] FixedBytes(BigInteger value, int length)
    {
        var bytes = new byte[length];
        if (!value.TryWriteBytes(bytes.AsSpan(length - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Value too large.");
        }

        return bytes;
    }

    private static byte[] FromHex(string hex) =>
        Convert.FromHexString(hex.Length % 2 == 0 ? hex : string.Create(CultureInfo.InvariantCulture, $"0{hex}"));
}
