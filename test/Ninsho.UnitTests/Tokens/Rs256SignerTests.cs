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
        var material = new SigningKeyMaterial(TestKeys.AIdKey);
        Assert.Equal(OperatingSystem.IsLinux(), material.ThreadSigner.UsesKeptContext);
    }

    [Fact]
    public void Each_thread_signs_with_its_own_signer()
    {
        var material = new SigningKeyMaterial(TestKeys.AIdKey);
        var here = material.ThreadSigner;
        Rs256Signer? there = null;
        var thread = new Thread(() => there = material.ThreadSigner);
        thread.Start();
        thread.Join();
        Assert.Same(here, material.ThreadSigner);
        Assert.NotNull(there);
        Assert.NotSame(here, there);
    }
}
