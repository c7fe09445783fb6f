using System.Numerics;
using System.Security.Cryptography;

namespace Ninsho.Core.Security.Srp;

/// <summary>What the server keeps to check SRP proofs of a secret: the salt (canonical <see cref="SrpHex.PadHex"/>
/// hex, as SALT is sent) and the verifier v = g^x mod N (hex).</summary>
internal sealed record SrpCredential(string Salt, string Verifier)
{
    private const int SaltBytes = 16;

    /// <summary>A fresh salt and the verifier of <paramref name="password"/> for <paramref name="userId"/>
    /// (USER_ID_FOR_SRP) in the pool named <paramref name="poolName"/>. One modular exponentiation.</summary>
    public static SrpCredential Create(string poolName, string userId, string password)
    {
        var salt = new BigInteger(RandomNumberGenerator.GetBytes(SaltBytes), isUnsigned: true, isBigEndian: true);
        var verifier = SrpMath.Verifier(SrpMath.PrivateKey(salt, poolName, userId, password));
        return new SrpCredential(SrpHex.PadHex(salt), SrpHex.PadHex(verifier));
    }

    /// <summary>The part of a pool id after <c>_</c> that SRP hashes (docs/cognito-behaviour.md#srp-constants-and-hex-conventions).</summary>
    public static string PoolName(string userPoolId) => userPoolId[(userPoolId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public BigInteger VerifierValue => SrpHex.ToInteger(Verifier);

    public override string ToString() => "SrpCredential { … }";
}
