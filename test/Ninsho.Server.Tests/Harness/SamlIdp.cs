using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/saml-idp.mjs</c>: a SAML 2.0 identity provider built on the npm package <c>samlify</c>, on a free
/// loopback port, signing with an RSA certificate made here. Its metadata is at <see cref="MetadataUrl"/> (and, for
/// an IdP that wants signed AuthnRequests, <see cref="SignedMetadataUrl"/>); its login page takes any login, which
/// becomes the NameID, with the email claim <c>&lt;login&gt;@saml.example</c> and <c>name</c> "&lt;login&gt; SAML".
/// Disposal kills the process and deletes the key files.
/// </summary>
public sealed class SamlIdp : IAsyncDisposable
{
    public const string EmailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private readonly NodeScriptProcess _node;
    private readonly string _folder;

    private SamlIdp(NodeScriptProcess node, string folder)
    {
        _node = node;
        _folder = folder;
    }

    public string BaseUrl => _node.BaseUrl;

    public string MetadataUrl => BaseUrl + "/metadata";

    public string SignedMetadataUrl => BaseUrl + "/metadata-signed";

    /// <summary>What the IdP printed, for failure messages.</summary>
    public string Output => _node.Output;

    public static async Task<SamlIdp> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "samlify", "package.json")))
        {
            const string missing = "samlify is missing: run scripts/setup.sh (it runs 'npm ci' in test/js).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing);
            Assert.Skip(missing);
        }

        var folder = Directory.CreateTempSubdirectory("ninsho-saml-idp-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Ninsho test SAML IdP", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        var keyFile = Path.Combine(folder, "key.pem");
        var certFile = Path.Combine(folder, "cert.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem(), ct);
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem(), ct);
        return new SamlIdp(await NodeScriptProcess.StartAsync("saml-idp.mjs", ["--port", "0", "--key-file", keyFile, "--cert-file", certFile], ct), folder);
    }

    /// <summary>Tells the IdP about a pool (its entity id and ACS URL, and the certificate its AuthnRequests are
    /// signed with, when they are).</summary>
    public async Task RegisterAsync(string entityId, string acsUrl, CancellationToken ct, string? signingCertificateBase64 = null)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(BaseUrl + "/_sp"), new Dictionary<string, string?>
        {
            ["entityId"] = entityId,
            ["acs"] = acsUrl,
            ["signingCert"] = signingCertificateBase64,
        }, ct);
        _ = response.EnsureSuccessStatusCode();
    }

    /// <summary>A signed SAMLResponse (base64) for <paramref name="login"/>, with the given overrides (keys of
    /// test/js/saml-idp.mjs's <c>POST /_response</c>).</summary>
    public async Task<string> ResponseAsync(string entityId, string acsUrl, string login, CancellationToken ct, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var body = new Dictionary<string, string> { ["entityId"] = entityId, ["acs"] = acsUrl, ["login"] = login };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            body[key] = value;
        }

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(BaseUrl + "/_response"), body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, text + "\n" + Output);
        return JsonDocument.Parse(text).RootElement.GetProperty("SAMLResponse").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
