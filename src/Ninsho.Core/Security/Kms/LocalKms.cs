using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Security.Kms;

/// <summary>Ninsho's stand-in for the pool's KMS key (docs/triggers.md#the-encrypted-code): it wraps the data key of a
/// custom sender's code under a key only this server (cluster) holds, and unwraps it again for a KMS-compatible
/// <c>Decrypt</c>, so an unchanged function's KMS keyring decrypts against Ninsho. The wrapping key of a KMS key ARN is
/// HKDF-SHA256 of the cluster-wide secret <c>kms-key</c> (kept in the secrets table, like the session key) with the ARN
/// as info. A wrapped key (the "ciphertext blob") is <c>"nkms" | version(1) | ARN length(2) | ARN | nonce(12) |
/// ciphertext | tag(16)</c>, AES-256-GCM with the ARN and the serialized encryption context as associated data, so a
/// blob opens only with the context it was made with, as KMS's does.</summary>
public sealed class LocalKms(INinshoStorage storage)
{
    public const string SecretName = "kms-key";

    /// <summary>KMS's name for the only algorithm of a symmetric key.</summary>
    public const string SymmetricDefault = "SYMMETRIC_DEFAULT";

    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = "nkms"u8.ToArray();

    private readonly Lazy<Task<byte[]>> _master = new(() =>
        storage.Secrets.GetOrAddAsync(SecretName, RandomNumberGenerator.GetBytes(32), CancellationToken.None));

    /// <summary>The AWS Encryption SDK message of <paramref name="secret"/> as Cognito hands it to a custom sender:
    /// encryption context <c>userpool-id</c>, one <c>aws-kms</c> data key wrapped for <paramref name="keyArn"/>.</summary>
    internal async Task<byte[]> EncryptSecretAsync(string keyArn, string userPoolId, string secret)
    {
        var master = await _master.Value;
        var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["userpool-id"] = userPoolId };
        return EncryptionSdkMessage.Encrypt(Encoding.UTF8.GetBytes(secret), context,
            (full, dataKey) => new EncryptedDataKey("aws-kms", keyArn, Wrap(master, keyArn, dataKey, full)));
    }

    /// <summary>KMS <c>Decrypt</c> of a blob this server made. <paramref name="keyId"/> (optional, as in KMS) must name
    /// the blob's key: its ARN or its key id. <paramref name="context"/> must equal the one the blob was made with.
    /// Failures are KMS's errors: <c>InvalidCiphertextException</c> for a blob that is not ours, was changed, or whose
    /// context differs; <c>NotFoundException</c> for a key id Ninsho cannot match to the blob's key.</summary>
    public async Task<KmsDecryptResult> DecryptAsync(byte[] blob, string? keyId, IReadOnlyDictionary<string, string>? context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var master = await _master.Value;
        if (blob.Length < Magic.Length + 3 || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic) || blob[Magic.Length] != Version)
        {
            throw CognitoErrors.KmsInvalidCiphertext();
        }

        var arnLength = BinaryPrimitives.ReadUInt16BigEndian(blob.AsSpan(Magic.Length + 1));
        var arnAt = Magic.Length + 3;
        var nonceAt = arnAt + arnLength;
        var ciphertextAt = nonceAt + NonceBytes;
        var ciphertextLength = blob.Length - ciphertextAt - TagBytes;
        if (ciphertextLength <= 0)
        {
            throw CognitoErrors.KmsInvalidCiphertext();
        }

        var keyArn = Encoding.UTF8.GetString(blob, arnAt, arnLength);
        if (!string.IsNullOrEmpty(keyId) && !Names(keyId, keyArn))
        {
            throw keyId.StartsWith("alias/", StringComparison.Ordinal) || keyId.Contains(":alias/", StringComparison.Ordinal)
                ? CognitoErrors.KmsAliasNotFound(keyId)
                : CognitoErrors.KmsKeyNotFound(keyId);
        }

        var plaintext = new byte[ciphertextLength];
        var key = WrappingKey(master, keyArn);
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(blob.AsSpan(nonceAt, NonceBytes), blob.AsSpan(ciphertextAt, ciphertextLength), blob.AsSpan(ciphertextAt + ciphertextLength),
                plaintext, AssociatedData(keyArn, context ?? new Dictionary<string, string>()));
        }
        catch (CryptographicException)
        {
            throw CognitoErrors.KmsInvalidCiphertext();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return new KmsDecryptResult(keyArn, plaintext);
    }

    private static byte[] Wrap(byte[] master, string keyArn, byte[] dataKey, IReadOnlyDictionary<string, string> context)
    {
        var arn = Encoding.UTF8.GetBytes(keyArn);
        var blob = new byte[Magic.Length + 3 + arn.Length + NonceBytes + dataKey.Length + TagBytes];
        Magic.CopyTo(blob, 0);
        blob[Magic.Length] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(blob.AsSpan(Magic.Length + 1), checked((ushort)arn.Length));
        arn.CopyTo(blob, Magic.Length + 3);
        var nonceAt = Magic.Length + 3 + arn.Length;
        var nonce = blob.AsSpan(nonceAt, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var key = WrappingKey(master, keyArn);
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(nonce, dataKey, blob.AsSpan(nonceAt + NonceBytes, dataKey.Length), blob.AsSpan(nonceAt + NonceBytes + dataKey.Length), AssociatedData(keyArn, context));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return blob;
    }

    private static byte[] WrappingKey(byte[] master, string keyArn) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: null, info: Encoding.UTF8.GetBytes("ninsho local kms key\n" + keyArn));

    private static byte[] AssociatedData(string keyArn, IReadOnlyDictionary<string, string> context) =>
        [.. Encoding.UTF8.GetBytes(keyArn), 0, .. EncryptionSdkMessage.SerializeContext(context)];

    /// <summary>True when <paramref name="keyId"/> names <paramref name="keyArn"/>: the ARN itself or its key id.</summary>
    private static bool Names(string keyId, string keyArn) =>
        string.Equals(keyId, keyArn, StringComparison.Ordinal)
        || (keyArn.LastIndexOf(":key/", StringComparison.Ordinal) is var at and >= 0 && string.Equals(keyId, keyArn[(at + 5)..], StringComparison.Ordinal));
}
