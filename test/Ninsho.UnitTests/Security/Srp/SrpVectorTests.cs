using System.Numerics;
using Ninsho.Core.Security.Srp;
using Xunit;

namespace Ninsho.UnitTests.Security.Srp;

/// <summary>The fixed vector of docs/cognito-behaviour.md#srp-test-vector: the client half was computed by
/// amazon-cognito-identity-js 6.3.21 itself, so matching it means matching the clients.</summary>
public sealed class SrpVectorTests
{
    private const string PoolName = "abcDEF123";
    private const string UserId = "alice";
    private const string Password = "Passw0rd!";
    private const string SecretBlock = "b3BhcXVlLXNlcnZlci1zdGF0ZS0wMTIzNDU2Nzg5";
    private const string Timestamp = "Tue Nov 3 05:51:27 UTC 2026";

    private const string ExpectedA =
        "6b9ce08e1aceb07e18bcadee3451d9ba5f064139c0ada1f237c5cbf76c384a780d48e2fbd74f491f9787f7d1b4c5ae77cf3ffa5dc1cde956db75eca332e19996e2c953fce39e0f01a183d8f93d5d2ceb95ce21c79569feac49456b48e4d1c47f1f24cb0be6f9281d09950d3184f18da166431cd25ee81ed10e43e56545822fd9ca1d7c0633004306e0bc874743acb8643bbd1fc031cdac1003243b3e73c8e4575a7cdb105a3fc7a09dcf9722004449a4bfddc5d6627953532f718de48df0dc78a5f54362be61d109ba95b325e7f8e3e8eb3149c8d77a24c0afa63dfffa030aac0fa33da2d0bd498749d4b5dac71bc3e97d6efae4ce1cb7a864739513399e166950910322c0c6a6773e6ab724e53294d432a8572579627902d328d1d7c1f219154cc55c79819f68c24530d94f2c8dbeadd29c9caca335b9524ddfffad3efbda92be0d83d0366e7ccca124b02ea34ba924bac0de34f9fb4a49101b6971bf97f5b9caee5f3df51cb488ed6d7e4d063a4bf7c3598998c9e68ef4a350ab037580e17e";

    private const string ExpectedB =
        "a78357ef28fd8d366fc1eab2ef22a222de0423ad1db95f19ef3390e3db07dd2258fe176ce43325bc05e3ea72ac2b33fe0f849509d5085ae44007eedce6b884607dc2fe060c8fa4f441e3ae20bbfe6c0e511cc71c2f8f21bc20697051d8d21373111ca1970ff57e03ea3d8a8d67aae9d7eabc01f17086d5f3c68fab28908e781147158002a8cc16e88c3391e3d8700650a2ceb67162a9ae384d4042e67100a61d39cc5b4e948ec167790672cb3782eb7a6e91c06a714daca1dd0f136cbd1040eec94ba6345dbfbbae498566ba5fbd289f8a0acbd4515d30266ab6c10c484a11c9a4e76392f2cc0e260a96fd048aa835f74a20408e7b1dff228361035da1eabbc32c9caa3a2d6a50c68b20e9fd8743e7059e45c3d2e4f6fb02af43cbc78712d0c65971088617b13ba2a55fdeb1ca7d538aaeb7fcb2e1eb73a2cd0fbeb4b98178636c750908cb789c314478cd49dbc4c0204f756b2f1e3059bb3e707a659347439114303a34b7195a66cd054d8417b0d8217c10907b6e28b4eb2e2782d5547fd956";

    private static readonly BigInteger Salt = SrpHex.ToInteger("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static readonly BigInteger ClientA = SrpHex.ToInteger(string.Concat(Enumerable.Repeat("2a", 32)));
    private static readonly BigInteger ServerB = SrpHex.ToInteger(string.Concat(Enumerable.Repeat("1b", 32)));

    [Fact]
    public void K_matches_the_clients_multiplier() =>
        Assert.Equal("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6", SrpHex.PadHex(SrpGroup.K).TrimStart('0'));

    [Fact]
    public void X_matches_the_vector() =>
        Assert.Equal("73b3ed8748de4be84bd4f2b6fa2c92eeb5b379afcfba2fddfae1258e67d699ec", Hex(X()));

    [Fact]
    public void A_and_B_match_the_vector()
    {
        Assert.Equal(ExpectedA, Hex(BigInteger.ModPow(SrpGroup.G, ClientA, SrpGroup.N)));
        Assert.Equal(ExpectedB, Hex(SrpMath.PublicB(SrpMath.Verifier(X()), ServerB)));
    }

    [Fact]
    public void U_key_and_signature_match_the_vector()
    {
        var a = SrpHex.ToInteger(ExpectedA);
        var b = SrpHex.ToInteger(ExpectedB);
        var u = SrpMath.Scrambler(a, b);
        Assert.Equal("c0d15ad6bb015e09101c099900111b49bc1c98671d75eede5cf0f04710fbcc2c", Hex(u));

        var s = SrpMath.SharedSecret(a, SrpMath.Verifier(X()), u, ServerB);
        var key = SrpMath.DerivedKey(u, s);
        Assert.Equal("f6749314340ae84303b968067ec7e975", Convert.ToHexStringLower(key));

        var signature = SrpMath.Signature(key, PoolName, UserId, Convert.FromBase64String(SecretBlock), Timestamp);
        Assert.Equal("uNNbEYRyjUBEocIW9Pi6QadDbT+JVG8DI+HVlU/YbVU=", Convert.ToBase64String(signature));
        Assert.True(SrpMath.SignatureMatches(signature, "uNNbEYRyjUBEocIW9Pi6QadDbT+JVG8DI+HVlU/YbVU="));
        Assert.False(SrpMath.SignatureMatches(signature, "vNNbEYRyjUBEocIW9Pi6QadDbT+JVG8DI+HVlU/YbVU="));
        Assert.False(SrpMath.SignatureMatches(signature, "not base64"));
    }

    [Fact]
    public void Server_and_client_agree_on_S_for_a_random_b()
    {
        var x = X();
        var b = SrpMath.NewSecret();
        var bigB = SrpMath.PublicB(SrpMath.Verifier(x), b);
        var a = BigInteger.ModPow(SrpGroup.G, ClientA, SrpGroup.N);
        var u = SrpMath.Scrambler(a, bigB);

        var server = SrpMath.SharedSecret(a, SrpMath.Verifier(x), u, b);
        var basis = ((bigB - (SrpGroup.K * BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N))) % SrpGroup.N + SrpGroup.N) % SrpGroup.N;
        var client = BigInteger.ModPow(basis, ClientA + (u * x), SrpGroup.N);

        Assert.Equal(client, server);
    }

    [Fact]
    public void Rejects_A_that_is_zero_mod_N()
    {
        Assert.False(SrpMath.IsValidA(BigInteger.Zero));
        Assert.False(SrpMath.IsValidA(SrpGroup.N));
        Assert.False(SrpMath.IsValidA(SrpGroup.N * 2));
        Assert.True(SrpMath.IsValidA(SrpHex.ToInteger(ExpectedA)));
    }

    private static BigInteger X() => SrpMath.PrivateKey(Salt, PoolName, UserId, Password);

    private static string Hex(BigInteger value) => value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');
}
