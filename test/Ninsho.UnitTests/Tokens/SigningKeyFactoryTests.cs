using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class SigningKeyFactoryTests
{
    [Fact]
    public void Creates_an_RSA_2048_key_with_a_Cognito_shaped_kid()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));
        var key = SigningKeyFactory.Create("us-east-1_abc", "access", clock);

        Assert.Equal("us-east-1_abc", key.UserPoolId);
        Assert.Equal("access", key.Use);
        Assert.Equal(clock.GetUtcNow(), key.CreatedAt);
        Assert.Equal(44, key.KeyId.Length);
        Assert.Matches("^[A-Za-z0-9+/]{43}=$", key.KeyId);

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(key.PrivateKeyPkcs8, out var read);
        Assert.Equal(key.PrivateKeyPkcs8.Length, read);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())), key.KeyId);
        Assert.Equal("AQAB", Convert.ToBase64String(rsa.ExportParameters(false).Exponent!));
    }

    [Fact]
    public void A_pool_gets_two_different_keys_one_per_use()
    {
        var pair = TestKeys.A;
        Assert.Equal(["id", "access"], pair.Select(k => k.Use));
        Assert.NotEqual(pair[0].KeyId, pair[1].KeyId);
        Assert.All(pair, k => Assert.Equal(TestKeys.PoolA, k.UserPoolId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sig")]
    [InlineData("ID")]
    public void Refuses_an_unknown_use(string use)
    {
        Assert.Throws<ArgumentException>(() => SigningKeyFactory.Create("us-east-1_abc", use, TimeProvider.System));
    }
}
