using Npgsql;

namespace Ninsho.Storage.PostgreSql;

/// <summary>Ninsho storage in a PostgreSQL database, shared by any number of stateless nodes.</summary>
public sealed class PostgreSqlNinshoStorage : INinshoStorage, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Storage in the database named by <paramref name="connectionString"/> (an Npgsql connection string).</summary>
    public PostgreSqlNinshoStorage(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true)
    {
    }

    /// <summary>Storage on a data source the caller owns (and disposes).</summary>
    public PostgreSqlNinshoStorage(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false)
    {
    }

    private PostgreSqlNinshoStorage(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        UserPools = new PostgreSqlUserPoolStore(dataSource);
        Clients = new PostgreSqlUserPoolClientStore(dataSource);
        Groups = new PostgreSqlGroupStore(dataSource);
        Devices = new PostgreSqlDeviceStore(dataSource);
        Users = new PostgreSqlUserStore(dataSource);
        RefreshTokens = new PostgreSqlRefreshTokenStore(dataSource);
        Secrets = new PostgreSqlSecretStore(dataSource);
        Outbox = new PostgreSqlMessageOutbox(dataSource);
        IdentityPools = new PostgreSqlIdentityPoolStore(dataSource);
        PoolResources = new PostgreSqlPoolResourceStore(dataSource);
        ProviderLinks = new PostgreSqlProviderLinkStore(dataSource);
        WebAuthnCredentials = new PostgreSqlWebAuthnCredentialStore(dataSource);

        AuthEvents = new PostgreSqlAuthEventStore(dataSource);
        ImportJobs = new PostgreSqlUserImportJobStore(dataSource);
        ResourceServers = new PostgreSqlResourceServerStore(dataSource);
        Domains = new PostgreSqlUserPoolDomainStore(dataSource);
    }

    public IUserPoolStore UserPools { get; }
    public IUserPoolClientStore Clients { get; }
    public IUserStore Users { get; }
    public IGroupStore Groups { get; }
    public IDeviceStore Devices { get; }
    public IRefreshTokenStore RefreshTokens { get; }
    public ISecretStore Secrets { get; }
    public IMessageOutbox Outbox { get; }
    public IIdentityPoolStore IdentityPools { get; }

    public IPoolResourceStore PoolResources { get; }
    public IProviderLinkStore ProviderLinks { get; }

    public IWebAuthnCredentialStore WebAuthnCredentials { get; }

    public IAuthEventStore AuthEvents { get; }
    public IUserImportJobStore ImportJobs { get; }
    public IResourceServerStore ResourceServers { get; }
    public IUserPoolDomainStore Domains { get; }

    /// <summary>Applies pending migrations under a transaction-scoped advisory lock.</summary>
    public Task InitializeAsync(CancellationToken ct) => PostgreSqlMigrator.MigrateAsync(_dataSource, ct);

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }
}
