using System.Numerics;

namespace Ninsho.Core.Security.Srp;

/// <summary>g^e mod N for exponents up to 256 bits (x is a SHA-256, b is 256 random bits) by fixed-base windowed
/// exponentiation: a table of g^(j·256^i) for each of the exponent's 32 bytes, so a power is at most 32 modular
/// multiplications instead of <see cref="BigInteger.ModPow"/>'s ~256 squarings. Every password write computes a
/// verifier and every SRP sign-in a B, so this is on the user-creation and sign-in paths. The table (8,192
/// 3072-bit numbers, ~3 MB) is built once, on first use.</summary>
internal static class SrpGeneratorPower
{
    private const int Windows = 32;
    private static readonly Lazy<BigInteger[][]> Table = new(Build);

    public static BigInteger Pow(BigInteger exponent)
    {
        if (exponent.Sign < 0 || exponent.GetBitLength() > Windows * 8)
        {
            return BigInteger.ModPow(SrpGroup.G, exponent, SrpGroup.N);
        }

        var table = Table.Value;
        Span<byte> bytes = stackalloc byte[Windows];
        _ = exponent.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var result = BigInteger.One;
        for (var i = 0; i < Windows; i++)
        {
            if (bytes[i] != 0)
            {
                result = result * table[i][bytes[i]] % SrpGroup.N;
            }
        }

        return result;
    }

    private static BigInteger[][] Build()
    {
        var table = new BigInteger[Windows][];
        var windowBase = SrpGroup.G;
        for (var i = 0; i < Windows; i++)
        {
            var row = new BigInteger[256];
            row[0] = BigInteger.One;
            for (var j = 1; j < 256; j++)
            {
                row[j] = row[j - 1] * windowBase % SrpGroup.N;
            }

            table[i] = row;
            windowBase = row[255] * windowBase % SrpGroup.N;
        }

        return table;
    }
}
