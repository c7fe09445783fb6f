using Ninsho.Storage;

namespace Ninsho.Server.Backup;

/// <summary>One line of a backup file (JSON lines, UTF-8). <see cref="Type"/> says which members are set:
/// <list type="bullet">
/// <item><c>ninsho-backup</c>: the first line, with <see cref="Format"/> (1).</item>
/// <item><c>secret</c>: <see cref="Name"/> and <see cref="Value"/> (base64), a server-wide secret (session sealing key, …).</item>
/// <item><c>pool</c>: <see cref="Pool"/> with its signing <see cref="Keys"/> (private keys, PKCS#8, base64).</item>
/// <item><c>client</c>: <see cref="Client"/>, its configuration JSON holding the client secret.</item>
/// <item><c>pool-resource</c>: <see cref="PoolResource"/>, a named piece of a pool's configuration (identity providers).</item>
/// <item><c>resource-server</c>: <see cref="ResourceServer"/> with its scopes.</item>
/// <item><c>domain</c>: <see cref="Domain"/>, a user pool domain.</item>
/// <item><c>group</c>: <see cref="Group"/>.</item>
/// <item><c>user</c>: <see cref="User"/> with its password hash, attributes and <c>ExtraJson</c> (MFA, codes).</item>
/// <item><c>member</c>: <see cref="UserPoolId"/>, <see cref="GroupName"/>, <see cref="UsernameKey"/>.</item>
/// <item><c>device</c>: <see cref="Device"/>, a user's remembered device with its SRP verifier.</item>
/// <item><c>provider-link</c>: <see cref="ProviderLink"/>, an identity of a pool's provider linked to a user (the user's
/// <c>identities</c> attribute, which shows it, comes with the user).</item>
/// <item><c>passkey</c>: <see cref="Passkey"/>, a user's WebAuthn credential with its public key and counter.</item>
/// <item><c>identity-pool</c>: <see cref="IdentityPool"/> (cognito-identity) with its settings and roles.</item>
/// <item><c>identity</c>: <see cref="Identity"/> of an identity pool with its linked <see cref="Logins"/>.</item>
/// <item><c>end</c>: the last line, with the <see cref="Count"/> of lines before it (a cut-off file is refused).</item>
/// </list>
/// Not included: refresh tokens (users sign in again), import jobs, the outbox, auth events, passkey registrations
/// started and not completed (they last minutes).</summary>
public sealed record BackupLine
{
    public required string Type { get; init; }
    public int? Format { get; init; }
    public long? Count { get; init; }
    public string? Name { get; init; }
    public byte[]? Value { get; init; }
    public StoredUserPool? Pool { get; init; }
    public IReadOnlyList<StoredSigningKey>? Keys { get; init; }
    public StoredUserPoolClient? Client { get; init; }
    public StoredPoolResource? PoolResource { get; init; }
    public StoredResourceServer? ResourceServer { get; init; }
    public StoredUserPoolDomain? Domain { get; init; }
    public StoredGroup? Group { get; init; }
    public StoredUser? User { get; init; }
    public string? UserPoolId { get; init; }
    public string? GroupName { get; init; }
    public string? UsernameKey { get; init; }
    public StoredDevice? Device { get; init; }
    public StoredProviderLink? ProviderLink { get; init; }
    public StoredWebAuthnCredential? Passkey { get; init; }
    public StoredIdentityPool? IdentityPool { get; init; }
    public StoredIdentity? Identity { get; init; }
    public IReadOnlyList<IdentityLogin>? Logins { get; init; }
}
