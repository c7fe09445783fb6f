using System.Security.Cryptography.X509Certificates;

namespace Ninsho.Server.Tests;

/// <summary>GetSigningCertificate through the real AWS CLI: one self-signed X.509 certificate per pool, made on the
/// first call and returned unchanged afterwards, also to concurrent first calls.</summary>
[Collection(DirectoryServer.Name)]
public sealed class SigningCertificateTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Returns_the_same_certificate_of_the_pool_every_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("saml-signing", ct);
        var first = await CertificateAsync(pool, ct);
        Assert.Equal(first, await CertificateAsync(pool, ct));

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(first));
        Assert.Contains($"CN={pool}", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 3650, 3654);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        Assert.InRange(certificate.NotBefore.ToUniversalTime(), now.AddDays(-1), now.AddMinutes(1));
        using var key = certificate.GetRSAPublicKey();
        Assert.Equal(2048, key!.KeySize);

        var other = await Cli.CreatePoolAsync("saml-signing-other", ct);
        Assert.NotEqual(first, await CertificateAsync(other, ct));
        (await Cli.CognitoIdpAsync(ct, "get-signing-certificate", "--user-pool-id", pool + "x"))
            .AssertError("ResourceNotFoundException", "GetSigningCertificate", $"User pool {pool}x does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Concurrent_first_calls_all_get_the_one_stored_certificate()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("saml-race", ct);
        var certificates = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CertificateAsync(pool, ct)));
        Assert.Single(certificates.Distinct(StringComparer.Ordinal));
        Assert.Equal(certificates[0], await CertificateAsync(pool, ct));
    }

    private async Task<string> CertificateAsync(string pool, CancellationToken ct)
    {
        var certificate = (await Cli.CognitoIdpAsync(ct, "get-signing-certificate", "--user-pool-id", pool)).Ok().Str("Certificate");
        Assert.DoesNotContain("BEGIN", certificate, StringComparison.Ordinal);
        return certificate;
    }
}
