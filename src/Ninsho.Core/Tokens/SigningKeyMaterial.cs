using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>A <see cref="StoredSigningKey"/> imported once and ready to sign and verify: the RSA key, its
/// IdentityModel wrappers, the JWS header segment and the public JWK parameters. Get it from
/// <see cref="SigningKeyCache"/>. Safe to share between threads: <see cref="SignRs256"/> signs with a key object that
/// no other signature uses at the same time (<see cref="Rs256SignerPool"/>), and verifying keeps no per-call state on
/// the key object.</summary>
/// <remarks>Not <see cref="IDisposable"/> on purpose: an instance is shared by every request that uses the key,
/// so nothing can know when the last one is done; an evicted instance is released by the GC (the RSA handle
/// is a SafeHandle).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Shared by every request that uses the key, so no one owns it (see remarks); the pooled signers hold SafeHandles the GC releases with it.")]
internal sealed class SigningKeyMaterial
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Base64 kids contain '+', which the default encoder would write as \u002B. The JSON ends up
        // base64url-encoded, so HTML-safe escaping buys nothing.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public SigningKeyMaterial(StoredSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        UserPoolId = key.UserPoolId;
        KeyId = key.KeyId;
        Use = key.Use;
        Rsa = Rs256Signer.Import(key.PrivateKeyPkcs8);
        Signers = new Rs256SignerPool(key.PrivateKeyPkcs8, Rs256SignerPool.DefaultSlots);

        SignatureBytes = Rsa.KeySize / 8;
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = key.KeyId };
        SigningCredentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);
        HeaderSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(BuildHeader(key.KeyId)));
    }

    public string UserPoolId { get; }
    public string KeyId { get; }
    public string Use { get; }
    public RSA Rsa { get; }
    public RsaSecurityKey SecurityKey { get; }
    public SigningCredentials SigningCredentials { get; }

    /// <summary>The JWK <c>n</c>: the modulus, base64url.</summary>
    public string Modulus { get; }

    /// <summary>The JWK <c>e</c>: the public exponent, base64url (<c>AQAB</c>).</summary>
    public string Exponent { get; }

    /// <summary>Length of an RS256 signature with this key.</summary>
    public int SignatureBytes { get; }

    /// <summary>The first JWS segment, ASCII: base64url of Cognito's header <c>{"kid":"…","alg":"RS256"}</c>.</summary>
    internal byte[] HeaderSegment { get; }

    /// <summary>The RS256 signature (RSASSA-PKCS1-v1_5 over SHA-256) of <paramref name="data"/>.</summary>
    public byte[] SignRs256(ReadOnlySpan<byte> data) => Signers.Sign(data);

    /// <summary>The signers, each with its own key object (Rs256Signer's remarks).</summary>
    internal Rs256SignerPool Signers { get; }

    private static byte[] BuildHeader(string keyId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kid", keyId);
            writer.WriteString("alg", "RS256");
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
