using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class Rs256SignerTests
{
    [Fact]
    public void Signs_the_same_bytes_as_dotnet_on_every_thread()
    {
        var material = new SigningKeyMaterial(TestKeys.AAccessKey);
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes($"eyJraWQiOiJ4In0.payload-{i}")).ToArray();
        var expected = inputs.Select(input => material.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)).ToArray();

        // Several threads at once, each with its own signer, each signing every input more than once.
        var actual = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i % inputs.Length] = material.SignRs256(inputs[i % inputs.Length]));

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
            Assert.True(material.Rsa.VerifyData(inputs[i], actual[i], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void Uses_the_kept_openssl_context_on_linux()
    {
        // The fallback signs correctly too, so the test above alone would not notice the fast path going missing.
        using var signer = Rs256Signer.Create(TestKeys.AIdKey.PrivateKeyPkcs8);
        Assert.Equal(OperatingSystem.IsLinux(), signer.UsesKeptContext);
    }

    [Fact]
    public void Two_signatures_at_once_use_different_signers()
    {
        var pool = new Rs256SignerPool(TestKeys.AIdKey.PrivateKeyPkcs8, slots: 4);
        var first = pool.Rent();
        var second = pool.Rent();
        Assert.NotSame(first, second);
        pool.Return(first);
        pool.Return(second);
        Assert.Equal(2, pool.Created);
    }

    [Fact]
    public void Signs_again_with_a_returned_signer()
    {
        var pool = new Rs256SignerPool(TestKeys.AIdKey.PrivateKeyPkcs8, slots: 4);
        var data = Encoding.ASCII.GetBytes("eyJraWQiOiJ4In0.payload");
        for (var i = 0; i < 50; i++)
        {
            _ = pool.Sign(data);
        }

        Assert.Equal(1, pool.Created);
    }

    [Fact]
    public void Keeps_no_more_idle_signers_than_its_slots_and_releases_the_rest()
    {
        var pool = new Rs256SignerPool(TestKeys.AIdKey.PrivateKeyPkcs8, slots: 3);
        var rented = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToList();
        foreach (var signer in rented)
        {
            pool.Return(signer);
        }

        Assert.Equal(5, pool.Created);
        // The last two found every slot taken: their key objects were released, not kept.
        var data = Encoding.ASCII.GetBytes("x");
        Assert.Throws<ObjectDisposedException>(() => rented[3].Sign(data));
        Assert.Throws<ObjectDisposedException>(() => rented[4].Sign(data));
        Assert.NotEmpty(rented[0].Sign(data));
        Assert.Equal(3, KeptSigners(pool));
    }

    [Fact]
    public void A_key_keeps_a_bounded_number_of_signers_however_many_threads_sign_with_it()
    {
        var material = new SigningKeyMaterial(TestKeys.AAccessKey);
        var data = Encoding.ASCII.GetBytes("eyJraWQiOiJ4In0.payload");
        var expected = material.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var wrong = 0;
        using var start = new Barrier(32);
        var threads = Enumerable.Range(0, 32).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 5; i++)
            {
                if (!material.SignRs256(data).AsSpan().SequenceEqual(expected))
                {
                    _ = Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, wrong);
        Assert.InRange(material.Signers.Created, 1, 32);
        Assert.InRange(KeptSigners(material.Signers), 1, material.Signers.Slots);
    }

    /// <summary>How many idle signers <paramref name="pool"/> kept: rents until it has to import a new one. Leaves the
    /// pool with every signer out (the test's pool is not used again).</summary>
    private static int KeptSigners(Rs256SignerPool pool)
    {
        var created = pool.Created;
        var kept = 0;
        while (true)
        {
            _ = pool.Rent();
            if (pool.Created != created)
            {
                return kept;
            }

            kept++;
        }
    }
}
