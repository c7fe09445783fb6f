namespace Ninsho.Storage;

/// <summary>A passkey registration StartWebAuthnRegistration opened and CompleteWebAuthnRegistration has not yet
/// taken: the creation options sent (with their challenge) and the app client of the access token that asked.
/// One per user; a newer one replaces it.</summary>
public sealed record StoredWebAuthnRegistration
{
    public required string UserPoolId { get; init; }
    public required string UsernameKey { get; init; }
    public required string ClientId { get; init; }

    /// <summary>The PublicKeyCredentialCreationOptions sent to the client, as JSON.</summary>
    public required string OptionsJson { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public override string ToString() => $"StoredWebAuthnRegistration {{ {UserPoolId}, {UsernameKey} }}";
}
