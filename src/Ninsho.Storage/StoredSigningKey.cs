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

    /// <summary>From when the key signs (null: since it was created). A rotated-in key is published first and signs
    /// only from this time on, once every node publishes it (docs/operations.md#key-rotation).</summary>
    public DateTimeOffset? ActiveAt { get; init; }

    /// <summary>Until when the key is published and accepted (null: for good). Set on the older keys when a newer one
    /// is rotated in; a key past this time is neither published nor accepted, and <c>keys retire</c> deletes it.</summary>
    public DateTimeOffset? RetireAt { get; init; }
}
