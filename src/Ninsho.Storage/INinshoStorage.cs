namespace Ninsho.Storage;

/// <summary>One backend: its stores, and start-up (migrations).</summary>
public interface INinshoStorage
{
    IUserPoolStore UserPools { get; }
    IUserPoolClientStore Clients { get; }
    IUserStore Users { get; }
    IGroupStore Groups { get; }
    IDeviceStore Devices { get; }
    IRefreshTokenStore RefreshTokens { get; }
    ISecretStore Secrets { get; }
    IMessageOutbox Outbox { get; }
    IIdentityPoolStore IdentityPools { get; }
    IPoolResourceStore PoolResources { get; }
    IProviderLinkStore ProviderLinks { get; }

    IWebAuthnCredentialStore WebAuthnCredentials { get; }

    IAuthEventStore AuthEvents { get; }
    IUserImportJobStore ImportJobs { get; }
    IResourceServerStore ResourceServers { get; }
    IUserPoolDomainStore Domains { get; }
    ITriggerInvocationStore TriggerInvocations { get; }

    /// <summary>Whether several server nodes may share this storage (PostgreSQL). A node then cannot see what the
    /// others have in flight, so sign-in checks reserve their failed attempt first
    /// (docs/security-lockout-and-contention.md#a-user-without-failed-attempts).</summary>
    bool SharedByNodes { get; }

    /// <summary>Creates or migrates the schema; safe to call from several nodes at once.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Why this node cannot serve requests now (the database unreachable, or a migration of this build not
    /// applied), or null when it can. Backs <c>/health/ready</c> (docs/operations.md).</summary>
    Task<string?> ReadinessProblemAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}
