using System.Numerics;

namespace Ninsho.Core.Security.Srp;

/// <summary>g^e mod N for exponents up to 256 bits (x is a SHA-256, b is 256 random bits) by fixed-base windowed
/// exponentiation: a table of g^(j·256^i) for each of the exponent's 32 bytes, so a power is at most 32 modular
/// multiplications instead of <see cref="BigInteger.ModPow"/>'s ~256 squarings, each a Montgomery product
/// (<see cref="SrpMontgomery"/>: no division). Every password write computes a verifier and every SRP sign-in a B,
/// so this is on the user-creation and sign-in paths. The table (8,192 3072-bit numbers in Montgomery form, 3 MB)
/// is built once, on first use. The products run in libcrypto where it loads (~4× faster), else managed.</summary>
internal static class SrpGeneratorPower
{
    private const int Windows = 32;
    private const int Limbs = SrpMontgomery.Limbs;

    private static readonly Lazy<ulong[]> Table = new(Build);

    public static BigInteger Pow(BigInteger exponent)
    {
        if (exponent.Sign < 0 || exponent.GetBitLength() > Windows * 8)
        {
            return BigInteger.ModPow(SrpGroup.G, exponent, SrpGroup.N);
        }

        if (exponent.IsZero)
        {
            return BigInteger.One;
        }

        Span<int> offsets = stackalloc int[Windows];
        offsets = offsets[..EntryOffsets(exponent, offsets)];
        return OpenSslModArithmetic.TryMontgomeryProduct(Entries, offsets) ?? ManagedProduct(Entries, offsets);
    }

    /// <summary>The table: entry (i, j) = g^(j·256^i) in Montgomery form, at ((i·256) + j)·Limbs.</summary>
    internal static ReadOnlySpan<ulong> Entries => Table.Value;

    /// <summary>Writes the offsets in <see cref="Entries"/> of the entries whose product is g^exponent (one per
    /// nonzero byte of a 0 ≤ exponent &lt; 2^256) and returns how many.</summary>
    internal static int EntryOffsets(BigInteger exponent, Span<int> offsets)
    {
        Span<byte> bytes = stackalloc byte[Windows];
        _ = exponent.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var count = 0;
        for (var i = 0; i < Windows; i++)
        {
            if (bytes[i] != 0)
            {
                offsets[count++] = ((i * 256) + bytes[i]) * Limbs;
            }
        }

        return count;
    }

    /// <summary>The product of the table entries at <paramref name="entryOffsets"/>, in ordinary form, with the
    /// managed Montgomery product: where libcrypto is missing.</summary>
    internal static BigInteger ManagedProduct(ReadOnlySpan<ulong> table, ReadOnlySpan<int> entryOffsets)
    {
        if (entryOffsets.IsEmpty)
        {
            return BigInteger.One;
        }

        Span<ulong> result = stackalloc ulong[Limbs];
        table.Slice(entryOffsets[0], Limbs).CopyTo(result);
        foreach (var offset in entryOffsets[1..])
        {
            SrpMontgomery.Multiply(result, table.Slice(offset, Limbs), result);
        }

        return SrpMontgomery.FromMontgomery(result);
    }

    private static ulong[] Build()
    {
        var table = new ulong[Windows * 256 * Limbs];
        var one = SrpMontgomery.ToMontgomery(BigInteger.One);
        Span<ulong> windowBase = SrpMontgomery.ToMontgomery(SrpGroup.G);
        for (var i = 0; i < Windows; i++)
        {
            var row = table.AsSpan(i * 256 * Limbs, 256 * Limbs);
            one.CopyTo(row);
            for (var j = 1; j < 256; j++)
            {
                SrpMontgomery.Multiply(row.Slice((j - 1) * Limbs, Limbs), windowBase, row.Slice(j * Limbs, Limbs));
            }

            // The next window's base: g^(256^(i+1)) = g^(255·256^i) · g^(256^i).
            SrpMontgomery.Multiply(row.Slice(255 * Limbs, Limbs), windowBase, windowBase);
        }

        return table;
    }
}
