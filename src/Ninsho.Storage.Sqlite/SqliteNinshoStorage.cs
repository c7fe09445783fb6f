namespace Ninsho.Storage.Sqlite;

/// <summary>Ninsho storage in one SQLite database file (WAL mode), for single-node installs and tests.</summary>
public sealed class SqliteNinshoStorage : INinshoStorage, IDisposable
{
    private readonly SqliteConnectionFactory _factory;
    private readonly bool _ownsFactory;

    /// <summary>The connections this storage opens (tests look at the statements its kept connections hold).</summary>
    internal SqliteConnectionFactory Factory => _factory;

    /// <summary>Storage in the database file at <paramref name="path"/>, created when missing.</summary>
    public SqliteNinshoStorage(string path, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
        : this(SqliteConnectionFactory.ForFile(path, synchronous), ownsFactory: true)
    {
    }

    /// <summary>Storage on the connections <paramref name="factory"/> opens (e.g. with other settings, in tests);
    /// the caller keeps and disposes the factory.</summary>
    public SqliteNinshoStorage(SqliteConnectionFactory factory)
        : this(factory, ownsFactory: false)
    {
    }

    private SqliteNinshoStorage(SqliteConnectionFactory factory, bool ownsFactory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _ownsFactory = ownsFactory;
        UserPools = new SqliteUserPoolStore(factory);
        Clients = new SqliteUserPoolClientStore(factory);
        Groups = new SqliteGroupStore(factory);
        Devices = new SqliteDeviceStore(factory);
        Users = new SqliteUserStore(factory);
        RefreshTokens = new SqliteRefreshTokenStore(factory);
        Secrets = new SqliteSecretStore(factory);
        Outbox = new SqliteMessageOutbox(factory);
        IdentityPools = new SqliteIdentityPoolStore(factory);
        PoolResources = new SqlitePoolResourceStore(factory);
        ProviderLinks = new SqliteProviderLinkStore(factory);
        WebAuthnCredentials = new SqliteWebAuthnCredentialStore(factory);

        AuthEvents = new SqliteAuthEventStore(factory);
        ImportJobs = new SqliteUserImportJobStore(factory);
        ResourceServers = new SqliteResourceServerStore(factory);
        Domains = new SqliteUserPoolDomainStore(factory);
        TriggerInvocations = new SqliteTriggerInvocationStore(factory);
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
    public ITriggerInvocationStore TriggerInvocations { get; }

    /// <summary>Switches the file to WAL mode and applies pending migrations.</summary>
    /// <summary>Gives the connections kept open with prepared statements back to the connection pool (see
    /// <see cref="SqliteConnectionFactory.ReleaseKeptConnections"/>), e.g. before changing a setting on the pooled
    /// connections.</summary>
    public void ReleaseKeptConnections() => _factory.ReleaseKeptConnections();

    /// <summary>One server process per database file: scaling out is PostgreSQL's (docs/configuration.md).</summary>
    public bool SharedByNodes => false;

    public Task InitializeAsync(CancellationToken ct) => SqliteMigrator.MigrateAsync(_factory, ct);

    /// <inheritdoc/>
    public async Task<string?> ReadinessProblemAsync(CancellationToken ct)
    {
        try
        {
            return await SqliteMigrator.MissingMigrationAsync(_factory, ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return $"database unreachable: {e.Message}";
        }
    }

    /// <summary>Writes a copy of the whole database to <paramref name="path"/> (which must not exist) as of one moment:
    /// <c>VACUUM INTO</c> reads in one read transaction, which in WAL mode sees one snapshot while writers go on.</summary>
    public async Task SnapshotToAsync(string path, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var connection = await _factory.OpenAsync(ct);
        using var vacuum = connection.Command("VACUUM INTO $path;").With("$path", Path.GetFullPath(path));
        _ = await vacuum.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Closes the pooled connections to the file (when this storage made the factory).</summary>
    public void Dispose()
    {
        if (_ownsFactory)
        {
            _factory.Dispose();
        }
    }
}
