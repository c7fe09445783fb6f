using System.Diagnostics;
using Ninsho.Storage;

namespace Ninsho.Core.Diagnostics;

/// <summary>Every call of an <see cref="INinshoStorage"/> measured: its latency in <c>ninsho.storage.duration</c>
/// (tags <c>backend</c>, <c>call</c>) and, when traces are on, a client span <c>storage &lt;Store&gt;.&lt;Method&gt;</c>
/// (docs/operations.md#metrics-and-traces). The host wraps the backend in it only when metrics or traces are on.
/// Written by scripts/generate-instrumented-storage.py: rerun it after changing a store interface (the build fails
/// until then).</summary>
public sealed partial class InstrumentedStorage(INinshoStorage inner, string backend) : INinshoStorage, IDisposable, IAsyncDisposable
{
    public IUserPoolStore UserPools { get; } = new UserPoolStore(inner.UserPools, backend);
    public IUserPoolClientStore Clients { get; } = new UserPoolClientStore(inner.Clients, backend);
    public IUserStore Users { get; } = new UserStore(inner.Users, backend);
    public IGroupStore Groups { get; } = new GroupStore(inner.Groups, backend);
    public IDeviceStore Devices { get; } = new DeviceStore(inner.Devices, backend);
    public IRefreshTokenStore RefreshTokens { get; } = new RefreshTokenStore(inner.RefreshTokens, backend);
    public ISecretStore Secrets { get; } = new SecretStore(inner.Secrets, backend);
    public IMessageOutbox Outbox { get; } = new MessageOutbox(inner.Outbox, backend);
    public IIdentityPoolStore IdentityPools { get; } = new IdentityPoolStore(inner.IdentityPools, backend);
    public IPoolResourceStore PoolResources { get; } = new PoolResourceStore(inner.PoolResources, backend);
    public IProviderLinkStore ProviderLinks { get; } = new ProviderLinkStore(inner.ProviderLinks, backend);
    public IWebAuthnCredentialStore WebAuthnCredentials { get; } = new WebAuthnCredentialStore(inner.WebAuthnCredentials, backend);
    public IAuthEventStore AuthEvents { get; } = new AuthEventStore(inner.AuthEvents, backend);
    public IUserImportJobStore ImportJobs { get; } = new UserImportJobStore(inner.ImportJobs, backend);
    public IResourceServerStore ResourceServers { get; } = new ResourceServerStore(inner.ResourceServers, backend);
    public IUserPoolDomainStore Domains { get; } = new UserPoolDomainStore(inner.Domains, backend);
    public ITriggerInvocationStore TriggerInvocations { get; } = new TriggerInvocationStore(inner.TriggerInvocations, backend);

    /// <summary>The storage being measured.</summary>
    public INinshoStorage Inner => inner;

    public bool SharedByNodes => inner.SharedByNodes;

    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

    public Task<string?> ReadinessProblemAsync(CancellationToken ct) => inner.ReadinessProblemAsync(ct);

    /// <summary>Disposes the measured storage (the container disposes this wrapper only).</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asynchronous)
        {
            return asynchronous.DisposeAsync();
        }

        Dispose();
        return ValueTask.CompletedTask;
    }

    private static Activity? Start(string backend, string spanName)
    {
        if (!NinshoTelemetry.Source.HasListeners())
        {
            return null;
        }

        var span = NinshoTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        _ = span?.SetTag("db.system", backend);
        return span;
    }

    private sealed class UserPoolStore(IUserPoolStore inner, string backend) : IUserPoolStore
    {
        public async Task<CreateResult> CreateAsync(StoredUserPool pool, IReadOnlyList<StoredSigningKey> keys, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(pool, keys, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.CreateAsync", started);
            }
        }

        public async Task<StoredUserPool?> FindAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.FindAsync", started);
            }
        }

        public async Task<Page<StoredUserPool>> ListAsync(int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredUserPool pool, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(pool, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.DeleteAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.GetSigningKeysAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.GetSigningKeysAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.GetSigningKeysAsync", started);
            }
        }

        public async Task<bool> AddSigningKeysAsync(string userPoolId, IReadOnlyList<StoredSigningKey> keys, DateTimeOffset retireOthersAt, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.AddSigningKeysAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddSigningKeysAsync(userPoolId, keys, retireOthersAt, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.AddSigningKeysAsync", started);
            }
        }

        public async Task<int> DeleteRetiringSigningKeysAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage UserPools.DeleteRetiringSigningKeysAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteRetiringSigningKeysAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "UserPools.DeleteRetiringSigningKeysAsync", started);
            }
        }
    }

    private sealed class UserPoolClientStore(IUserPoolClientStore inner, string backend) : IUserPoolClientStore
    {
        public async Task<CreateResult> CreateAsync(StoredUserPoolClient client, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(client, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.CreateAsync", started);
            }
        }

        public async Task<StoredUserPoolClient?> FindAsync(string clientId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(clientId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.FindAsync", started);
            }
        }

        public async Task<ClientWithPoolVersion?> FindWithPoolVersionAsync(string clientId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.FindWithPoolVersionAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindWithPoolVersionAsync(clientId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.FindWithPoolVersionAsync", started);
            }
        }

        public async Task<Page<StoredUserPoolClient>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredUserPoolClient client, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(client, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Clients.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(clientId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Clients.DeleteAsync", started);
            }
        }
    }

    private sealed class UserStore(IUserStore inner, string backend) : IUserStore
    {
        public async Task<CreateResult> CreateAsync(StoredUser user, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(user, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.CreateAsync", started);
            }
        }

        public async Task<IReadOnlyList<CreateResult>> CreateManyAsync(IReadOnlyList<StoredUser> users, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.CreateManyAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateManyAsync(users, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.CreateManyAsync", started);
            }
        }

        public async Task<StoredUser?> FindAsync(string userPoolId, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.FindAsync", started);
            }
        }

        public async Task<UserWithPoolState> FindWithPoolStateAsync(string userPoolId, string usernameKey, string? originJti, string? clientId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.FindWithPoolStateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindWithPoolStateAsync(userPoolId, usernameKey, originJti, clientId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.FindWithPoolStateAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredUser>> FindByAttributeAsync(string userPoolId, string attribute, string value, int limit, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.FindByAttributeAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindByAttributeAsync(userPoolId, attribute, value, limit, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.FindByAttributeAsync", started);
            }
        }

        public async Task<Page<StoredUser>> ListAsync(string userPoolId, UserFilter? filter, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, filter, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredUser user, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(user, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.DeleteAsync", started);
            }
        }

        public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Users.CountAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CountAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Users.CountAsync", started);
            }
        }
    }

    private sealed class GroupStore(IGroupStore inner, string backend) : IGroupStore
    {
        public async Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(group, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.CreateAsync", started);
            }
        }

        public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.CountAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CountAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.CountAsync", started);
            }
        }

        public async Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, groupName, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.FindAsync", started);
            }
        }

        public async Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(group, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, groupName, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.DeleteAsync", started);
            }
        }

        public async Task<bool> AddMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.AddMemberAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddMemberAsync(userPoolId, groupName, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.AddMemberAsync", started);
            }
        }

        public async Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.RemoveMemberAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RemoveMemberAsync(userPoolId, groupName, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.RemoveMemberAsync", started);
            }
        }

        public async Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.ListForUserAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListForUserAsync(userPoolId, usernameKey, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.ListForUserAsync", started);
            }
        }

        public async Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Groups.ListMembersAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListMembersAsync(userPoolId, groupName, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Groups.ListMembersAsync", started);
            }
        }
    }

    private sealed class DeviceStore(IDeviceStore inner, string backend) : IDeviceStore
    {
        public async Task<CreateResult> CreateAsync(StoredDevice device, CancellationToken ct)
        {
            using var span = Start(backend, "storage Devices.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(device, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Devices.CreateAsync", started);
            }
        }

        public async Task<StoredDevice?> FindAsync(string userPoolId, string deviceKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Devices.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, deviceKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Devices.FindAsync", started);
            }
        }

        public async Task<Page<StoredDevice>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Devices.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, usernameKey, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Devices.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredDevice device, CancellationToken ct)
        {
            using var span = Start(backend, "storage Devices.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(device, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Devices.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string deviceKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage Devices.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, deviceKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Devices.DeleteAsync", started);
            }
        }
    }

    private sealed class RefreshTokenStore(IRefreshTokenStore inner, string backend) : IRefreshTokenStore
    {
        public async Task AddAsync(StoredRefreshToken token, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.AddAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.AddAsync(token, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.AddAsync", started);
            }
        }

        public async Task<StoredRefreshToken?> FindAsync(string tokenHash, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(tokenHash, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.FindAsync", started);
            }
        }

        public async Task<RefreshTokenWithUser?> FindWithUserAsync(string tokenHash, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.FindWithUserAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindWithUserAsync(tokenHash, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.FindWithUserAsync", started);
            }
        }

        public async Task<RefreshTokenState> FindUserWithStateAsync(string userPoolId, string usernameKey, string tokenHash, string originJti, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.FindUserWithStateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindUserWithStateAsync(userPoolId, usernameKey, tokenHash, originJti, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.FindUserWithStateAsync", started);
            }
        }

        public async Task<bool> AddSealedAsync(StoredRefreshToken token, string sub, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.AddSealedAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddSealedAsync(token, sub, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.AddSealedAsync", started);
            }
        }

        public async Task<bool> RevokeAsync(string tokenHash, DateTimeOffset at, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.RevokeAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RevokeAsync(tokenHash, at, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.RevokeAsync", started);
            }
        }

        public async Task<bool> RotateAsync(string tokenHash, StoredRefreshToken replacement, DateTimeOffset now, DateTimeOffset rotatedUntil, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.RotateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RotateAsync(tokenHash, replacement, now, rotatedUntil, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.RotateAsync", started);
            }
        }

        public async Task<int> RevokeAllForUserAsync(string userPoolId, string usernameKey, DateTimeOffset at, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.RevokeAllForUserAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RevokeAllForUserAsync(userPoolId, usernameKey, at, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.RevokeAllForUserAsync", started);
            }
        }

        public async Task<bool> IsOriginRevokedAsync(string originJti, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.IsOriginRevokedAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.IsOriginRevokedAsync(originJti, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.IsOriginRevokedAsync", started);
            }
        }

        public async Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct)
        {
            using var span = Start(backend, "storage RefreshTokens.PurgeExpiredAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.PurgeExpiredAsync(before, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "RefreshTokens.PurgeExpiredAsync", started);
            }
        }
    }

    private sealed class SecretStore(ISecretStore inner, string backend) : ISecretStore
    {
        public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct)
        {
            using var span = Start(backend, "storage Secrets.GetOrAddAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.GetOrAddAsync(name, candidate, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Secrets.GetOrAddAsync", started);
            }
        }

        public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct)
        {
            using var span = Start(backend, "storage Secrets.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Secrets.ListAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string name, CancellationToken ct)
        {
            using var span = Start(backend, "storage Secrets.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(name, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Secrets.DeleteAsync", started);
            }
        }
    }

    private sealed class MessageOutbox(IMessageOutbox inner, string backend) : IMessageOutbox
    {
        public async Task<StoredMessage> AddAsync(StoredMessage message, CancellationToken ct)
        {
            using var span = Start(backend, "storage Outbox.AddAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddAsync(message, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Outbox.AddAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredMessage>> ListAsync(string? userPoolId, string? recipient, int limit, CancellationToken ct)
        {
            using var span = Start(backend, "storage Outbox.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, recipient, limit, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Outbox.ListAsync", started);
            }
        }

        public async Task<int> PurgeAsync(DateTimeOffset expiredBefore, DateTimeOffset createdBefore, CancellationToken ct)
        {
            using var span = Start(backend, "storage Outbox.PurgeAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.PurgeAsync(expiredBefore, createdBefore, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Outbox.PurgeAsync", started);
            }
        }
    }

    private sealed class IdentityPoolStore(IIdentityPoolStore inner, string backend) : IIdentityPoolStore
    {
        public async Task<CreateResult> CreatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.CreatePoolAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreatePoolAsync(pool, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.CreatePoolAsync", started);
            }
        }

        public async Task<StoredIdentityPool?> FindPoolAsync(string identityPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.FindPoolAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindPoolAsync(identityPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.FindPoolAsync", started);
            }
        }

        public async Task<Page<StoredIdentityPool>> ListPoolsAsync(int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.ListPoolsAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListPoolsAsync(limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.ListPoolsAsync", started);
            }
        }

        public async Task<UpdateResult> UpdatePoolAsync(StoredIdentityPool pool, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.UpdatePoolAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdatePoolAsync(pool, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.UpdatePoolAsync", started);
            }
        }

        public async Task<bool> DeletePoolAsync(string identityPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.DeletePoolAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeletePoolAsync(identityPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.DeletePoolAsync", started);
            }
        }

        public async Task<StoredIdentity?> GetOrCreateIdentityAsync(StoredIdentity candidate, string? loginKey, string? provider, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.GetOrCreateIdentityAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.GetOrCreateIdentityAsync(candidate, loginKey, provider, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.GetOrCreateIdentityAsync", started);
            }
        }

        public async Task<StoredIdentity?> FindIdentityAsync(string identityId, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.FindIdentityAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindIdentityAsync(identityId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.FindIdentityAsync", started);
            }
        }

        public async Task<StoredIdentity?> FindIdentityByLoginAsync(string identityPoolId, string loginKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.FindIdentityByLoginAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindIdentityByLoginAsync(identityPoolId, loginKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.FindIdentityByLoginAsync", started);
            }
        }

        public async Task<LinkResult> LinkLoginAsync(string identityId, string loginKey, string provider, DateTimeOffset now, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.LinkLoginAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.LinkLoginAsync(identityId, loginKey, provider, now, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.LinkLoginAsync", started);
            }
        }

        public async Task<bool> UnlinkProviderAsync(string identityId, string provider, DateTimeOffset now, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.UnlinkProviderAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UnlinkProviderAsync(identityId, provider, now, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.UnlinkProviderAsync", started);
            }
        }

        public async Task<bool> UnlinkLoginAsync(string identityId, string loginKey, DateTimeOffset now, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.UnlinkLoginAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UnlinkLoginAsync(identityId, loginKey, now, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.UnlinkLoginAsync", started);
            }
        }

        public async Task<bool> MergeIdentitiesAsync(string sourceIdentityId, string destinationIdentityId, DateTimeOffset now, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.MergeIdentitiesAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.MergeIdentitiesAsync(sourceIdentityId, destinationIdentityId, now, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.MergeIdentitiesAsync", started);
            }
        }

        public async Task<IReadOnlyList<IdentityLogin>> ListLoginsAsync(string identityId, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.ListLoginsAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListLoginsAsync(identityId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.ListLoginsAsync", started);
            }
        }

        public async Task<Page<StoredIdentity>> ListIdentitiesAsync(string identityPoolId, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.ListIdentitiesAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListIdentitiesAsync(identityPoolId, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.ListIdentitiesAsync", started);
            }
        }

        public async Task<bool> DeleteIdentityAsync(string identityId, CancellationToken ct)
        {
            using var span = Start(backend, "storage IdentityPools.DeleteIdentityAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteIdentityAsync(identityId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "IdentityPools.DeleteIdentityAsync", started);
            }
        }
    }

    private sealed class PoolResourceStore(IPoolResourceStore inner, string backend) : IPoolResourceStore
    {
        public async Task<CreateResult> CreateAsync(StoredPoolResource resource, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(resource, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.CreateAsync", started);
            }
        }

        public async Task<StoredPoolResource?> FindAsync(string userPoolId, string kind, string name, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, kind, name, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.FindAsync", started);
            }
        }

        public async Task<long> CountAsync(string userPoolId, string kind, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.CountAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CountAsync(userPoolId, kind, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.CountAsync", started);
            }
        }

        public async Task<Page<StoredPoolResource>> ListAsync(string userPoolId, string kind, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, kind, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredPoolResource resource, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(resource, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string kind, string name, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, kind, name, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.DeleteAsync", started);
            }
        }

        public async Task<int> DeleteCreatedBeforeAsync(string kind, DateTimeOffset before, CancellationToken ct)
        {
            using var span = Start(backend, "storage PoolResources.DeleteCreatedBeforeAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteCreatedBeforeAsync(kind, before, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "PoolResources.DeleteCreatedBeforeAsync", started);
            }
        }
    }

    private sealed class ProviderLinkStore(IProviderLinkStore inner, string backend) : IProviderLinkStore
    {
        public async Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct)
        {
            using var span = Start(backend, "storage ProviderLinks.LinkAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.LinkAsync(link, user, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ProviderLinks.LinkAsync", started);
            }
        }

        public async Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct)
        {
            using var span = Start(backend, "storage ProviderLinks.UnlinkAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UnlinkAsync(link, user, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ProviderLinks.UnlinkAsync", started);
            }
        }

        public async Task<StoredProviderLink?> FindAsync(string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct)
        {
            using var span = Start(backend, "storage ProviderLinks.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, providerName, providerAttributeName, providerAttributeValue, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ProviderLinks.FindAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage ProviderLinks.ListForUserAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListForUserAsync(userPoolId, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ProviderLinks.ListForUserAsync", started);
            }
        }

        public async Task<CreateResult> CreateAsync(StoredProviderLink link, CancellationToken ct)
        {
            using var span = Start(backend, "storage ProviderLinks.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(link, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ProviderLinks.CreateAsync", started);
            }
        }
    }

    private sealed class WebAuthnCredentialStore(IWebAuthnCredentialStore inner, string backend) : IWebAuthnCredentialStore
    {
        public async Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(credential, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.CreateAsync", started);
            }
        }

        public async Task<StoredWebAuthnCredential?> FindAsync(string userPoolId, string credentialId, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, credentialId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.FindAsync", started);
            }
        }

        public async Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, usernameKey, limit, afterId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.ListAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, string credentialId, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, usernameKey, credentialId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.DeleteAsync", started);
            }
        }

        public async Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.RecordUseAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RecordUseAsync(userPoolId, credentialId, signCount, usedAt, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.RecordUseAsync", started);
            }
        }

        public async Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.SaveRegistrationAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.SaveRegistrationAsync(registration, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.SaveRegistrationAsync", started);
            }
        }

        public async Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage WebAuthnCredentials.TakeRegistrationAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.TakeRegistrationAsync(userPoolId, usernameKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "WebAuthnCredentials.TakeRegistrationAsync", started);
            }
        }
    }

    private sealed class AuthEventStore(IAuthEventStore inner, string backend) : IAuthEventStore
    {
        public async Task<bool> AddAsync(StoredAuthEvent authEvent, CancellationToken ct)
        {
            using var span = Start(backend, "storage AuthEvents.AddAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddAsync(authEvent, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "AuthEvents.AddAsync", started);
            }
        }

        public async Task<Page<StoredAuthEvent>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage AuthEvents.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, usernameKey, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "AuthEvents.ListAsync", started);
            }
        }

        public async Task<StoredAuthEvent?> FindAsync(string userPoolId, string usernameKey, string eventId, CancellationToken ct)
        {
            using var span = Start(backend, "storage AuthEvents.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, usernameKey, eventId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "AuthEvents.FindAsync", started);
            }
        }

        public async Task<bool> UpdateDetailAsync(string userPoolId, string usernameKey, string eventId, string detailJson, CancellationToken ct)
        {
            using var span = Start(backend, "storage AuthEvents.UpdateDetailAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateDetailAsync(userPoolId, usernameKey, eventId, detailJson, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "AuthEvents.UpdateDetailAsync", started);
            }
        }
    }

    private sealed class UserImportJobStore(IUserImportJobStore inner, string backend) : IUserImportJobStore
    {
        public async Task<CreateResult> CreateAsync(StoredUserImportJob job, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(job, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.CreateAsync", started);
            }
        }

        public async Task<StoredUserImportJob?> FindAsync(string userPoolId, string jobId, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, jobId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.FindAsync", started);
            }
        }

        public async Task<Page<StoredUserImportJob>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.ListAsync", started);
            }
        }

        public async Task<UpdateResult> UpdateAsync(StoredUserImportJob job, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(job, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.UpdateAsync", started);
            }
        }

        public async Task<StoredUserImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.ClaimAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ClaimAsync(owner, now, staleBefore, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.ClaimAsync", started);
            }
        }

        public async Task PutCsvAsync(string jobId, byte[] csv, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.PutCsvAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.PutCsvAsync(jobId, csv, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.PutCsvAsync", started);
            }
        }

        public async Task<byte[]?> GetCsvAsync(string jobId, CancellationToken ct)
        {
            using var span = Start(backend, "storage ImportJobs.GetCsvAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.GetCsvAsync(jobId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ImportJobs.GetCsvAsync", started);
            }
        }
    }

    private sealed class ResourceServerStore(IResourceServerStore inner, string backend) : IResourceServerStore
    {
        public async Task<CreateResult> CreateAsync(StoredResourceServer server, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(server, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.CreateAsync", started);
            }
        }

        public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.CountAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CountAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.CountAsync", started);
            }
        }

        public async Task<StoredResourceServer?> FindAsync(string userPoolId, string identifier, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(userPoolId, identifier, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.FindAsync", started);
            }
        }

        public async Task<Page<StoredResourceServer>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, limit, afterKey, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.ListAsync", started);
            }
        }

        public async Task<bool> UpdateAsync(StoredResourceServer server, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(server, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string identifier, CancellationToken ct)
        {
            using var span = Start(backend, "storage ResourceServers.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, identifier, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "ResourceServers.DeleteAsync", started);
            }
        }
    }

    private sealed class UserPoolDomainStore(IUserPoolDomainStore inner, string backend) : IUserPoolDomainStore
    {
        public async Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct)
        {
            using var span = Start(backend, "storage Domains.CreateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.CreateAsync(domain, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Domains.CreateAsync", started);
            }
        }

        public async Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct)
        {
            using var span = Start(backend, "storage Domains.FindAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.FindAsync(domain, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Domains.FindAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct)
        {
            using var span = Start(backend, "storage Domains.ListForPoolAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListForPoolAsync(userPoolId, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Domains.ListForPoolAsync", started);
            }
        }

        public async Task<bool> UpdateAsync(StoredUserPoolDomain domain, CancellationToken ct)
        {
            using var span = Start(backend, "storage Domains.UpdateAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.UpdateAsync(domain, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Domains.UpdateAsync", started);
            }
        }

        public async Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct)
        {
            using var span = Start(backend, "storage Domains.DeleteAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.DeleteAsync(userPoolId, domain, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "Domains.DeleteAsync", started);
            }
        }
    }

    private sealed class TriggerInvocationStore(ITriggerInvocationStore inner, string backend) : ITriggerInvocationStore
    {
        public async Task<StoredTriggerInvocation> AddAsync(StoredTriggerInvocation invocation, int keepPerPool, CancellationToken ct)
        {
            using var span = Start(backend, "storage TriggerInvocations.AddAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.AddAsync(invocation, keepPerPool, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "TriggerInvocations.AddAsync", started);
            }
        }

        public async Task<IReadOnlyList<StoredTriggerInvocation>> ListAsync(string? userPoolId, string? triggerSource, int limit, CancellationToken ct)
        {
            using var span = Start(backend, "storage TriggerInvocations.ListAsync");
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ListAsync(userPoolId, triggerSource, limit, ct);
            }
            finally
            {
                NinshoTelemetry.RecordStorage(backend, "TriggerInvocations.ListAsync", started);
            }
        }
    }
}
