using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Storage;

namespace Ninsho.Core.Security;

/// <summary>Encrypts app-client secrets at rest. They must stay recoverable (SECRET_HASH is an HMAC keyed with the
/// secret, and DescribeUserPoolClient shows it), so they are sealed with AES-256-GCM under a server-wide key kept in
/// the secrets table, bound to their client id as associated data (a sealed value copied to another client does
/// not open). Layout before base64url: <c>version(1) | nonce(12) | ciphertext | tag(16)</c>.</summary>
internal sealed class ClientSecretSealer(INinshoStorage storage)
{
    public const string SecretName = "client-secret-key";
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Lazy<Task<byte[]>> _key = new(() =>
        storage.Secrets.GetOrAddAsync(SecretName, RandomNumberGenerator.GetBytes(32), CancellationToken.None));

    public async Task<string> SealAsync(string clientId, string secret)
    {
        var key = await _key.Value;
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[1 + NonceBytes + plaintext.Length + TagBytes];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(1 + NonceBytes, plaintext.Length), sealedBytes.AsSpan(1 + NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(clientId));
        }

        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the value was not sealed for this
    /// client with this server's key (stored data is corrupt).</summary>
    public async Task<string> OpenAsync(string clientId, string sealedValue)
    {
        var key = await _key.Value;
        var sealedBytes = Base64Url.DecodeFromChars(sealedValue);
        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed client secret.");
        }

        var length = sealedBytes.Length - 1 - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(1, NonceBytes), sealedBytes.AsSpan(1 + NonceBytes, length), sealedBytes.AsSpan(1 + NonceBytes + length), plaintext, Encoding.UTF8.GetBytes(clientId));
        }

        return Encoding.UTF8.GetString(plaintext);
    }
}
