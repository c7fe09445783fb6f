namespace Ninsho.Storage;

/// <summary>Users' passkeys and their pending registrations. Deleting a user or a pool removes both.</summary>
public interface IWebAuthnCredentialStore
{
    /// <summary>Inserts a credential; <see cref="CreateResult.AlreadyExists"/> when the pool has its id.</summary>
    Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct);

    Task<StoredWebAuthnCredential?> FindAsync(string userPoolId, string credentialId, CancellationToken ct);

    /// <summary>The user's credentials ordered by id, after <paramref name="afterId"/> (exclusive) when given.</summary>
    Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct);

    /// <summary>Deletes the credential when it is <paramref name="usernameKey"/>'s; false when it is not there.</summary>
    Task<bool> DeleteAsync(string userPoolId, string usernameKey, string credentialId, CancellationToken ct);

    /// <summary>Records a sign-in: the new signature counter and when; false when the credential is gone.</summary>
    Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct);

    /// <summary>Stores the user's pending registration, replacing any earlier one.</summary>
    Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct);

    /// <summary>Removes and returns the user's pending registration (null when none): each is taken once.</summary>
    Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct);
}
