using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Security;

/// <summary>Encrypts app-client secrets at rest. They must stay recoverable (SECRET_HASH is an HMAC keyed with the
/// secret, and DescribeUserPoolClient shows it), so they are sealed with AES-256-GCM under the cluster key
/// <c>client-secret-key</c> (<see cref="SealingKeys"/>), bound to their client id as associated data (a sealed value
/// copied to another client does not open). Layout before base64url: <c>version(1) | nonce(12) | ciphertext | tag(16)</c>
/// under generation 0 of the key, <c>2 | key id(4, BE) | nonce(12) | ciphertext | tag(16)</c> under a rotated one
/// (docs/operations.md#key-rotation).</summary>
internal sealed class ClientSecretSealer(SealingKeys keys, TimeProvider clock)
{
    public const string SecretName = "client-secret-key";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public async Task<string> SealAsync(string clientId, string secret)
    {
        var key = (await keys.GetAsync(SecretName, CancellationToken.None)).Primary(clock.GetUtcNow());
        var headerBytes = SealHeader.Length(key.Id);
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[headerBytes + NonceBytes + plaintext.Length + TagBytes];
        SealHeader.Write(sealedBytes, key.Id);

        var nonce = sealedBytes.AsSpan(headerBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(headerBytes + NonceBytes, plaintext.Length), sealedBytes.AsSpan(headerBytes + NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(clientId));
        }

        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the value was not sealed for this
    /// client with a generation of this server's key that is still kept (stored data is corrupt, or its key was
    /// retired before the value was resealed).</summary>
    public async Task<string> OpenAsync(string clientId, string sealedValue)
    {
        var sealedBytes = Base64Url.DecodeFromChars(sealedValue);
        var (headerBytes, keyId) = SealHeader.Read(sealedBytes) ?? throw new CryptographicException("Not a sealed client secret.");
        var key = (await keys.GetAsync(SecretName, CancellationToken.None)).Find(keyId)
            ?? throw new CryptographicException($"The client secret was sealed with generation {keyId} of {SecretName}, which is no longer kept.");
        if (sealedBytes.Length < headerBytes + NonceBytes + TagBytes)
        {
            throw new CryptographicException("Not a sealed client secret.");
        }

        var length = sealedBytes.Length - headerBytes - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(headerBytes, NonceBytes), sealedBytes.AsSpan(headerBytes + NonceBytes, length), sealedBytes.AsSpan(headerBytes + NonceBytes + length), plaintext, Encoding.UTF8.GetBytes(clientId));
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>Whether <paramref name="sealedValue"/> is sealed with the generation that seals new values now.</summary>
    public async Task<bool> IsCurrentAsync(string sealedValue)
    {
        var primary = (await keys.GetAsync(SecretName, CancellationToken.None)).Primary(clock.GetUtcNow());
        return SealHeader.Read(Base64Url.DecodeFromChars(sealedValue)) is { } found && found.KeyId == primary.Id;
    }
}
