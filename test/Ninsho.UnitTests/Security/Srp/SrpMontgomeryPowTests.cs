using System.Numerics;
using System.Security.Cryptography;
using Ninsho.Core.Security.Srp;
using Xunit;

namespace Ninsho.UnitTests.Security.Srp;

/// <summary>Both powers SRP uses (libcrypto's, and the managed Montgomery window power where libcrypto is missing) give
/// exactly what ModPow gives, for any base and exponent.</summary>
public sealed class SrpMontgomeryPowTests
{
    [Fact]
    public void Matches_ModPow_for_edge_and_random_operands()
    {
        var bases = new List<BigInteger> { 0, 1, 2, SrpGroup.N - 1, SrpGroup.N, SrpGroup.N + 5, -7, SrpGroup.N * 3 };
        var exponents = new List<BigInteger> { 0, 1, 2, 15, 16, 17, 255, 256, (BigInteger.One << 256) - 1, BigInteger.One << 300 };
        for (var i = 0; i < 6; i++)
        {
            bases.Add(new BigInteger(RandomNumberGenerator.GetBytes(SrpGroup.ModulusBytes + 8), isUnsigned: true, isBigEndian: true));
            exponents.Add(new BigInteger(RandomNumberGenerator.GetBytes(32), isUnsigned: true, isBigEndian: true));
        }

        foreach (var b in bases)
        {
            foreach (var e in exponents)
            {
                var expected = BigInteger.ModPow(b, e, SrpGroup.N);
                expected = expected.Sign < 0 ? expected + SrpGroup.N : expected;
                Assert.Equal(expected, SrpMontgomery.Pow(b, e));
                if (b.Sign >= 0)
                {
                    Assert.Equal(expected, OpenSslModArithmetic.TryPow(b, e));
                    Assert.Equal(expected, SrpMath.Pow(b, e));
                }
            }
        }
    }

    [Fact]
    public void Linux_sign_ins_use_libcrypto()
    {
        Assert.True(!OperatingSystem.IsLinux() || OpenSslModArithmetic.IsAvailable, "libcrypto did not load on Linux");
    }

    [Fact]
    public void Refuses_a_negative_exponent()
    {
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => SrpMontgomery.Pow(2, -1));
    }
}
