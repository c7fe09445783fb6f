using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class SigningKeyCacheTests
{
    [Fact]
    public void Imports_each_key_once()
    {
        var cache = new SigningKeyCache();
        var first = cache.Get(TestKeys.AAccessKey);
        Assert.Same(first, cache.Get(TestKeys.AAccessKey));
        Assert.Same(first, cache.Get(TestKeys.AAccessKey with { CreatedAt = default })); // equal key, other instance
        Assert.NotSame(first, cache.Get(TestKeys.AIdKey));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Material_is_ready_to_use()
    {
        var material = new SigningKeyCache().Get(TestKeys.AAccessKey);
        Assert.Equal(TestKeys.AAccessKey.KeyId, material.KeyId);
        Assert.Equal(TestKeys.AAccessKey.KeyId, material.SecurityKey.KeyId);
        Assert.Equal("access", material.Use);
        Assert.Equal("RS256", material.SigningCredentials.Algorithm);
        Assert.Equal("AQAB", material.Exponent);
        Assert.Equal(256, material.SignatureBytes);
    }

    [Fact]
    public void Same_kid_in_another_pool_is_a_separate_entry()
    {
        var cache = new SigningKeyCache();
        var a = cache.Get(TestKeys.AAccessKey);
        var impostor = cache.Get(TestKeys.B[1] with { UserPoolId = TestKeys.PoolB, KeyId = TestKeys.AAccessKey.KeyId });
        Assert.NotSame(a, impostor);
        Assert.NotEqual(a.Modulus, impostor.Modulus);
    }

    [Fact]
    public void Concurrent_callers_share_one_instance()
    {
        var cache = new SigningKeyCache();
        var seen = new System.Collections.Concurrent.ConcurrentBag<SigningKeyMaterial>();
        Parallel.For(0, 64, _ => seen.Add(cache.Get(TestKeys.AIdKey)));
        Assert.Single(seen.Distinct());
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Stays_within_capacity_both_sides()
    {
        var cache = new SigningKeyCache(capacity: 3);
        var keys = TestKeys.A.Concat(TestKeys.B).ToList();

        var first = keys.Take(3).Select(cache.Get).ToList();
        Assert.Equal(3, cache.Count); // at capacity: everything kept
        Assert.Equal(first, keys.Take(3).Select(cache.Get));

        var fourth = cache.Get(keys[3]);
        Assert.Equal(3, cache.Count); // one over: one other entry dropped, the new one kept
        Assert.Same(fourth, cache.Get(keys[3]));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Capacity_of_one_keeps_the_latest()
    {
        var cache = new SigningKeyCache(capacity: 1);
        _ = cache.Get(TestKeys.AIdKey);
        var latest = cache.Get(TestKeys.AAccessKey);
        Assert.Equal(1, cache.Count);
        Assert.Same(latest, cache.Get(TestKeys.AAccessKey));
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigningKeyCache(0));
        Assert.Equal(1, new SigningKeyCache(1).Capacity);
    }
}
