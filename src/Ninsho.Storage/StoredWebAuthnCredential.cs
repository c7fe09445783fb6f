namespace Ninsho.Storage;

/// <summary>A user's registered passkey (WebAuthn credential). Credential ids are unique per pool.</summary>
public sealed record StoredWebAuthnCredential
{
    public required string UserPoolId { get; init; }
    public required string UsernameKey { get; init; }

    /// <summary>The credential id as the authenticator gave it, base64url without padding.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The credential's public key as a COSE_Key, base64url without padding.</summary>
    public required string PublicKey { get; init; }

    /// <summary>The authenticator's signature counter at the last registration or sign-in (0 when it keeps none).</summary>
    public long SignCount { get; init; }

    public required string RelyingPartyId { get; init; }
    public required string FriendlyName { get; init; }

    /// <summary><c>platform</c> or <c>cross-platform</c>, when the client said.</summary>
    public string? AuthenticatorAttachment { get; init; }

    /// <summary>Transport hints (<c>usb</c>, <c>internal</c>, <c>hybrid</c>, …) in the order the client gave them.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    public override string ToString() => $"StoredWebAuthnCredential {{ {UserPoolId}, {UsernameKey}, {CredentialId} }}";
}
