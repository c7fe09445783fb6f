using System.Numerics;
using BenchmarkDotNet.Attributes;
using Ninsho.Core.Security.Srp;

namespace Ninsho.Benchmarks;

/// <summary>The modular exponentiations of SRP over the 3072-bit group: one to create a verifier at password-set time
/// and one for B at InitiateAuth (fixed-base table), two for S at RespondToAuthChallenge (libcrypto; the managed
/// Montgomery power and BigInteger.ModPow for comparison).</summary>
[MemoryDiagnoser]
public class SrpBenchmarks
{
    private BigInteger _x;
    private BigInteger _v;
    private BigInteger _b;
    private BigInteger _a;
    private BigInteger _bigB;
    private BigInteger _u;

    [GlobalSetup]
    public void Setup()
    {
        _x = SrpMath.PrivateKey(SrpHex.ToInteger("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), "abcDEF123", "alice", "Passw0rd!");
        _v = SrpMath.Verifier(_x);
        _b = SrpMath.NewSecret();
        _a = BigInteger.ModPow(SrpGroup.G, SrpMath.NewSecret(), SrpGroup.N);
        _bigB = SrpMath.PublicB(_v, _b);
        _u = SrpMath.Scrambler(_a, _bigB);
    }

    /// <summary>Every password write: v = g^x mod N (plus the salt and x hashes).</summary>
    [Benchmark]
    public string CreateVerifier() => SrpCredential.Create("abcDEF123", "alice", "Passw0rd!").Verifier;

    /// <summary>InitiateAuth: B = k·v + g^b mod N.</summary>
    [Benchmark]
    public BigInteger ComputeB() => SrpMath.PublicB(_v, _b);

    /// <summary>RespondToAuthChallenge: S = (A·v^u)^b mod N.</summary>
    [Benchmark]
    public BigInteger ComputeS() => SrpMath.SharedSecret(_a, _v, _u, _b);

    /// <summary>S where libcrypto is missing: the managed Montgomery window power.</summary>
    [Benchmark]
    public BigInteger ComputeSManaged() => SrpMontgomery.Pow(_a * SrpMontgomery.Pow(_v, _u) % SrpGroup.N, _b);

    /// <summary>S as it was computed before 2026-12-03: BigInteger.ModPow.</summary>
    [Benchmark]
    public BigInteger ComputeSModPow() =>
        BigInteger.ModPow(_a * BigInteger.ModPow(_v, _u, SrpGroup.N) % SrpGroup.N, _b, SrpGroup.N);
}
