using System.Numerics;
using System.Security.Cryptography;
using Ninsho.Core.Security.Srp;
using Xunit;

namespace Ninsho.UnitTests.Security.Srp;

/// <summary>The fixed-base table gives exactly what ModPow gives, through libcrypto and through the managed product.</summary>
public sealed class SrpGeneratorPowerTests
{
    [Fact]
    public void Matches_ModPow_for_edge_and_random_exponents()
    {
        var exponents = new List<BigInteger> { 0, 1, 2, 255, 256, 65_535, (BigInteger.One << 256) - 1, BigInteger.One << 255 };
        for (var i = 0; i < 20; i++)
        {
            exponents.Add(new BigInteger(RandomNumberGenerator.GetBytes(32), isUnsigned: true, isBigEndian: true));
        }

        Span<int> offsets = stackalloc int[32];
        foreach (var e in exponents)
        {
            var expected = BigInteger.ModPow(SrpGroup.G, e, SrpGroup.N);
            Assert.Equal(expected, SrpGeneratorPower.Pow(e));

            // Both ways of multiplying the table's entries: libcrypto's (used on Linux) and the managed fallback.
            var used = offsets[..SrpGeneratorPower.EntryOffsets(e, offsets)];
            Assert.Equal(expected, SrpGeneratorPower.ManagedProduct(SrpGeneratorPower.Entries, used));
            Assert.Equal(expected, OpenSslModArithmetic.TryMontgomeryProduct(SrpGeneratorPower.Entries, used));
        }
    }

    [Fact]
    public void Falls_back_for_exponents_longer_than_256_bits()
    {
        var e = (BigInteger.One << 300) + 12_345;
        Assert.Equal(BigInteger.ModPow(SrpGroup.G, e, SrpGroup.N), SrpGeneratorPower.Pow(e));
    }
}
