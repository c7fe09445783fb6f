using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class JwksDocumentTests
{
    [Fact]
    public void Lists_each_key_in_Cognitos_member_order()
    {
        var json = JwksDocument.Build(TestKeys.A);
        var id = TestKeys.AIdKey.KeyId;
        Assert.StartsWith($$"""{"keys":[{"alg":"RS256","e":"AQAB","kid":"{{id}}","kty":"RSA","n":""", json, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal([TestKeys.AIdKey.KeyId, TestKeys.AAccessKey.KeyId], keys.Select(k => k.GetProperty("kid").GetString()));
        foreach (var key in keys)
        {
            Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name));
            Assert.Equal("sig", key.GetProperty("use").GetString());
        }
    }

    [Fact]
    public void Carries_the_public_key_and_nothing_private()
    {
        var json = JwksDocument.Build(TestKeys.A);
        using var document = JsonDocument.Parse(json);
        var jwk = document.RootElement.GetProperty("keys")[1];

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(TestKeys.AAccessKey.PrivateKeyPkcs8, out _);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Assert.Equal(parameters.Modulus, Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()));
        Assert.Equal(256, Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()).Length);
        Assert.DoesNotMatch("[+/=]", jwk.GetProperty("n").GetString()!);
        foreach (var secret in new[] { "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reads_back_as_a_JSON_Web_Key_Set()
    {
        var set = new JsonWebKeySet(JwksDocument.Build(TestKeys.A));
        Assert.Equal(2, set.GetSigningKeys().Count);
    }

    [Fact]
    public void Cached_and_uncached_builds_agree_and_empty_is_valid()
    {
        Assert.Equal(JwksDocument.Build(TestKeys.A), JwksDocument.Build(TestKeys.A, new SigningKeyCache()));
        Assert.Equal("""{"keys":[]}""", JwksDocument.Build([]));
    }
}
