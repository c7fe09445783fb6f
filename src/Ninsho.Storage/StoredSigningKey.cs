namespace Ninsho.Storage;

/// <summary>An RSA key pair a pool signs its tokens with.</summary>
public sealed record StoredSigningKey
{
    public required string UserPoolId { get; init; }
    public required string KeyId { get; init; }

    /// <summary>What the key signs: <c>id</c> or <c>access</c> (Cognito signs the two with different keys).</summary>
    public required string Use { get; init; }

    /// <summary>The private key, PKCS#8 DER.</summary>
    public required byte[] PrivateKeyPkcs8 { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
