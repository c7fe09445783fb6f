using System.Security.Cryptography;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Creates a pool's RSA signing keys.</summary>
internal static class SigningKeyFactory
{
    public const int KeySizeBits = 2048;

    /// <summary>A fresh RSA-2048 key for <paramref name="use"/> (<c>id</c> or <c>access</c>). Its
    /// <see cref="StoredSigningKey.KeyId"/> is the 44-character Base64 SHA-256 of the public key's
    /// SubjectPublicKeyInfo DER, the shape of a real Cognito kid.</summary>
    public static StoredSigningKey Create(string userPoolId, string use, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(userPoolId);
        ArgumentNullException.ThrowIfNull(clock);
        if (use is not (SigningKeyUse.Id or SigningKeyUse.Access))
        {
            throw new ArgumentException($"A signing key's use is '{SigningKeyUse.Id}' or '{SigningKeyUse.Access}'.", nameof(use));
        }

        using var rsa = RSA.Create(KeySizeBits);
        return new StoredSigningKey
        {
            UserPoolId = userPoolId,
            KeyId = ComputeKeyId(rsa),
            Use = use,
            PrivateKeyPkcs8 = rsa.ExportPkcs8PrivateKey(),
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Both keys a new pool needs: the ID-token key and the access-token key.</summary>
    public static IReadOnlyList<StoredSigningKey> CreatePair(string userPoolId, TimeProvider clock)
    {
        return [Create(userPoolId, SigningKeyUse.Id, clock), Create(userPoolId, SigningKeyUse.Access, clock)];
    }

    public static string ComputeKeyId(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        return Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
    }
}
