using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>--tls-cert</c>/<c>--tls-key</c>: the server itself speaks HTTPS, HTTP/1.1 and HTTP/2, with a self-signed
/// certificate the test makes, trusted by exactly this client; the issuer the pool publishes follows https.
/// </summary>
public sealed class TlsTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_serve_https_on_http1_and_http2_with_an_https_issuer()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("ninsho-tls-").FullName;
        try
        {
            using var certificate = SelfSigned();
            var certPath = Path.Combine(folder, "cert.pem");
            var keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem(), ct);
            using (var key = certificate.GetRSAPrivateKey()!)
            {
                await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), ct);
            }

            await using var server = await NinshoProcess.StartAsync(ct, "--tls-cert", certPath, "--tls-key", keyPath);
            Assert.StartsWith("https://127.0.0.1:", server.BaseUrl, StringComparison.Ordinal);

            using var trusted = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
            using var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    CertificateChainPolicy = new X509ChainPolicy
                    {
                        TrustMode = X509ChainTrustMode.CustomRootTrust,
                        CustomTrustStore = { trusted },
                        RevocationMode = X509RevocationMode.NoCheck,
                    },
                },
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(server.BaseUrl + "/") };

            foreach (var version in new[] { HttpVersion.Version11, HttpVersion.Version20 })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "health/live") { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
                using var response = await http.SendAsync(request, ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(version, response.Version);
            }

            using var create = new HttpRequestMessage(HttpMethod.Post, "") { Version = HttpVersion.Version20, Content = new StringContent("""{"PoolName":"tls"}""", Encoding.UTF8) };
            create.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(RawCognito.AmzJson);
            _ = create.Headers.TryAddWithoutValidation("X-Amz-Target", RawCognito.IdpPrefix + "CreateUserPool");
            using var created = await http.SendAsync(create, ct);
            var poolId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement.Prop("UserPool").Str("Id");

            var discovery = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{poolId}/.well-known/openid-configuration", ct)).RootElement;
            Assert.Equal($"{server.BaseUrl}/{poolId}", discovery.Str("issuer"));
            Assert.StartsWith("https://", discovery.Str("jwks_uri"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The aws CLI against the https server, trusting the test's certificate through <c>--ca-bundle</c> (as
    /// <c>AWS_CA_BUNDLE</c> would): create-user-pool, admin-create-user, and a sign-in whose ID token names an https
    /// issuer.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_serve_the_aws_cli_over_https_with_the_certificate_in_its_ca_bundle()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("ninsho-tls-").FullName;
        try
        {
            using var certificate = SelfSigned();
            var certPath = Path.Combine(folder, "cert.pem");
            var keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem(), ct);
            using (var key = certificate.GetRSAPrivateKey()!)
            {
                await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), ct);
            }

            await using var server = await NinshoProcess.StartAsync(ct, "--tls-cert", certPath, "--tls-key", keyPath);
            var cli = new AwsCli(server.BaseUrl) { CaBundle = certPath };
            var pool = await cli.CreatePoolAsync("tls-cli", ct);
            var client = await cli.CreatePasswordClientAsync(pool, ct);
            _ = await cli.CreateConfirmedUserAsync(pool, "tls-user", ct, "Name=email,Value=tls@example.com");
            var result = (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client,
                "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME=tls-user,PASSWORD={CliSteps.Password}")).Ok().Prop("AuthenticationResult");
            var issuer = Jwt.Payload(result.Str("IdToken")).Str("iss");
            Assert.StartsWith("https://", issuer, StringComparison.Ordinal);
            Assert.Equal($"{server.BaseUrl}/{pool}", issuer);

            // Without the bundle the CLI refuses the self-signed certificate: the TLS is real.
            var untrusted = await new AwsCli(server.BaseUrl).CognitoIdpAsync(ct, "list-user-pools", "--max-results", "1");
            Assert.NotEqual(0, untrusted.ExitCode);
            Assert.Contains("CERTIFICATE_VERIFY_FAILED", untrusted.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ninsho-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
