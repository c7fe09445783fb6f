using Ninsho.Storage;

namespace Ninsho.UnitTests.Features;

/// <summary>An <see cref="INinshoStorage"/> that holds only pool resources, in memory, with the store's contract
/// (unique kind and name per pool, versioned updates, name order).</summary>
internal sealed class InMemoryPoolResources : INinshoStorage, IPoolResourceStore
{
    private readonly Dictionary<(string Pool, string Kind, string Name), StoredPoolResource> _rows = [];

    public IPoolResourceStore PoolResources => this;

    public IUserPoolStore UserPools => throw new NotSupportedException();

    public IUserPoolClientStore Clients => throw new NotSupportedException();

    public IUserStore Users => throw new NotSupportedException();

    public IGroupStore Groups => throw new NotSupportedException();

    public IDeviceStore Devices => throw new NotSupportedException();

    public IRefreshTokenStore RefreshTokens => throw new NotSupportedException();

    public ISecretStore Secrets => throw new NotSupportedException();

    public IMessageOutbox Outbox => throw new NotSupportedException();

    public IIdentityPoolStore IdentityPools => throw new NotSupportedException();

    public IAuthEventStore AuthEvents => throw new NotSupportedException();

    public IUserImportJobStore ImportJobs => throw new NotSupportedException();

    public IResourceServerStore ResourceServers => throw new NotSupportedException();

    public IUserPoolDomainStore Domains => throw new NotSupportedException();
    public ITriggerInvocationStore TriggerInvocations => throw new NotSupportedException();

    public IProviderLinkStore ProviderLinks => throw new NotSupportedException();

    public IWebAuthnCredentialStore WebAuthnCredentials => throw new NotSupportedException();

    public bool SharedByNodes => false;

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct) =>
        Task.FromResult(_rows.TryAdd(Key(resource), resource with { Version = 1 }) ? CreateResult.Created : CreateResult.AlreadyExists);

    public Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct) =>
        Task.FromResult(_rows.GetValueOrDefault((userPoolId, kind, name)));

    public Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct) =>
        Task.FromResult((long)_rows.Keys.Count(k => k.Pool == userPoolId && k.Kind == kind));

    public Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
    {
        var items = _rows.Values.Where(r => r.UserPoolId == userPoolId && r.Kind == kind && (afterKey is null || string.CompareOrdinal(r.Name, afterKey) > 0))
            .OrderBy(r => r.Name, StringComparer.Ordinal).Take(limit + 1).ToList();
        return Task.FromResult(items.Count > limit ? new Page<StoredPoolResource>(items[..limit], items[limit - 1].Name) : new Page<StoredPoolResource>(items, null));
    }

    public Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct)
    {
        if (!_rows.TryGetValue(Key(resource), out var stored))
        {
            return Task.FromResult(UpdateResult.NotFound);
        }

        if (stored.Version != resource.Version)
        {
            return Task.FromResult(UpdateResult.VersionConflict);
        }

        _rows[Key(resource)] = resource with { Version = resource.Version + 1 };
        return Task.FromResult(UpdateResult.Updated);
    }

    public Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct) => Task.FromResult(_rows.Remove((userPoolId, kind, name)));

    public Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct)
    {
        var expired = _rows.Where(r => r.Key.Kind == kind && r.Value.CreatedAt < before).Select(r => r.Key).ToList();
        expired.ForEach(k => _rows.Remove(k));
        return Task.FromResult(expired.Count);
    }

    private static (string, string, string) Key(StoredPoolResource r) => (r.UserPoolId, r.Kind, r.Name);
}
