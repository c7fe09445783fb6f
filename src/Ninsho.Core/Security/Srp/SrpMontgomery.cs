using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ninsho.Core.Security.Srp;

/// <summary>Montgomery multiplication modulo <see cref="SrpGroup.N"/> on 48 little-endian 64-bit limbs (R = 2^3072).
/// A product costs ~4,600 64×64-bit multiplications and no division, where <c>a * b % N</c> on
/// <see cref="BigInteger"/> pays a 6144-by-3072-bit division for every product (most of a verifier's time).</summary>
internal static class SrpMontgomery
{
    /// <summary>Limbs of a number modulo N.</summary>
    public const int Limbs = SrpGroup.ModulusBytes / sizeof(ulong);

    private const int WindowBits = 4;
    private const int WindowEntries = 1 << WindowBits;

    private static readonly ulong[] Modulus = ToLimbs(SrpGroup.N);

    // -N^-1 mod 2^64 (N is odd), by Newton's iteration: each step doubles the correct low bits.
    private static readonly ulong NegInverse = NegatedInverse(Modulus[0]);

    /// <summary><paramref name="value"/> (0 ≤ value &lt; N) in Montgomery form: value·R mod N.</summary>
    public static ulong[] ToMontgomery(BigInteger value) => ToLimbs((value << (Limbs * 64)) % SrpGroup.N);

    /// <summary>The ordinary value of a number in Montgomery form.</summary>
    public static BigInteger FromMontgomery(ReadOnlySpan<ulong> value)
    {
        Span<ulong> one = stackalloc ulong[Limbs];
        one.Clear();
        one[0] = 1;
        Span<ulong> plain = stackalloc ulong[Limbs];
        Multiply(value, one, plain);
        return new BigInteger(MemoryMarshal.AsBytes(plain), isUnsigned: true, isBigEndian: false);
    }

    /// <summary>value^exponent mod N for any value (reduced mod N first) and exponent ≥ 0, by a fixed 4-bit window:
    /// one Montgomery squaring per exponent bit and one product per 4 bits, where <see cref="BigInteger.ModPow"/>
    /// divides for every step (S of an SRP sign-in took ~18 ms that way here, two 256-bit powers).</summary>
    public static BigInteger Pow(BigInteger value, BigInteger exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent.Sign, nameof(exponent));
        if (exponent.IsZero)
        {
            return BigInteger.One;
        }

        // table[k] = value^k in Montgomery form, k = 0..15.
        var table = new ulong[WindowEntries * Limbs];
        ToMontgomery(BigInteger.One).CopyTo(table, 0);
        var reduced = BigInteger.Remainder(value, SrpGroup.N);
        ToMontgomery(reduced.Sign < 0 ? reduced + SrpGroup.N : reduced).CopyTo(table, Limbs);
        for (var k = 2; k < WindowEntries; k++)
        {
            Multiply(table.AsSpan((k - 1) * Limbs, Limbs), table.AsSpan(Limbs, Limbs), table.AsSpan(k * Limbs, Limbs));
        }

        var bits = checked((int)exponent.GetBitLength());
        var windows = (bits + WindowBits - 1) / WindowBits;
        var bytes = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<ulong> result = stackalloc ulong[Limbs];
        table.AsSpan(0, Limbs).CopyTo(result);
        for (var w = windows - 1; w >= 0; w--)
        {
            for (var s = 0; s < WindowBits; s++)
            {
                Multiply(result, result, result);
            }

            var nibble = (bytes[w / 2] >> (w % 2 * WindowBits)) & (WindowEntries - 1);
            Multiply(result, table.AsSpan(nibble * Limbs, Limbs), result);
        }

        return FromMontgomery(result);
    }

    /// <summary>result = a·b·R^-1 mod N for a, b &lt; N (coarsely integrated operand scanning). result may alias a or b.</summary>
    public static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var n = Modulus;
        Span<ulong> t = stackalloc ulong[Limbs + 2];
        t.Clear();
        for (var i = 0; i < Limbs; i++)
        {
            ulong carry = 0;
            var bi = b[i];
            for (var j = 0; j < Limbs; j++)
            {
                t[j] = MultiplyAdd(a[j], bi, t[j], ref carry);
            }

            var sum = t[Limbs] + carry;
            t[Limbs + 1] = sum < carry ? 1UL : 0UL;
            t[Limbs] = sum;

            var m = t[0] * NegInverse;
            carry = 0;
            _ = MultiplyAdd(m, n[0], t[0], ref carry);
            for (var j = 1; j < Limbs; j++)
            {
                t[j - 1] = MultiplyAdd(m, n[j], t[j], ref carry);
            }

            sum = t[Limbs] + carry;
            t[Limbs - 1] = sum;
            t[Limbs] = t[Limbs + 1] + (sum < carry ? 1UL : 0UL);
        }

        if (t[Limbs] != 0 || !LessThanModulus(t[..Limbs]))
        {
            ulong borrow = 0;
            for (var j = 0; j < Limbs; j++)
            {
                var d = t[j] - n[j];
                var nextBorrow = (t[j] < n[j] || d < borrow) ? 1UL : 0UL;
                t[j] = d - borrow;
                borrow = nextBorrow;
            }
        }

        t[..Limbs].CopyTo(result);
    }

    /// <summary>The low 64 bits of x·y + add + carry; carry becomes the high 64 bits (the sum fits in 128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong x, ulong y, ulong add, ref ulong carry)
    {
        var high = Math.BigMul(x, y, out var low);
        low += add;
        high += low < add ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        carry = high;
        return low;
    }

    private static bool LessThanModulus(ReadOnlySpan<ulong> value)
    {
        for (var j = Limbs - 1; j >= 0; j--)
        {
            if (value[j] != Modulus[j])
            {
                return value[j] < Modulus[j];
            }
        }

        return false;
    }

    private static ulong[] ToLimbs(BigInteger value)
    {
        var limbs = new ulong[Limbs];
        _ = value.TryWriteBytes(MemoryMarshal.AsBytes(limbs.AsSpan()), out _, isUnsigned: true, isBigEndian: false);
        return limbs;
    }

    private static ulong NegatedInverse(ulong n0)
    {
        ulong inverse = 1;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (n0 * inverse);
        }

        return 0 - inverse;
    }
}
