using Npgsql;

namespace Ninsho.Storage.PostgreSql;

/// <summary>Ninsho storage in a PostgreSQL database, shared by any number of stateless nodes.</summary>
public sealed class PostgreSqlNinshoStorage : INinshoStorage, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly bool _ownsDataSource;
    private readonly NpgsqlConnection? _snapshot;

    /// <summary>Storage in the database named by <paramref name="connectionString"/> (an Npgsql connection string), with
    /// <see cref="WithDefaults"/>.</summary>
    public PostgreSqlNinshoStorage(string connectionString)
        : this(NpgsqlDataSource.Create(WithDefaults(connectionString)), ownsDataSource: true)
    {
    }

    /// <summary>How many statements each pooled connection keeps prepared (Npgsql's automatic preparation).</summary>
    internal const int MaxAutoPrepare = 128;

    /// <summary><paramref name="connectionString"/> with two Npgsql settings defaulted unless it names them. No Reset On
    /// Close: a pooled connection is not reset (<c>DISCARD ALL</c>, a statement and a transaction on the server before the
    /// next command: one per storage call) when a store hands it back; the stores keep no session state (no SET, no
    /// session advisory lock, no temporary table, no LISTEN; a transaction left open is still rolled back). Max Auto
    /// Prepare: a statement run a few times on a connection is prepared there, so PostgreSQL no longer parses and plans
    /// it on every call (and the reset would have dropped it). Statements name their columns, so a migration that adds
    /// columns does not change their results.</summary>
    internal static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(static k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    /// <summary>Storage on a data source the caller owns (and disposes).</summary>
    public PostgreSqlNinshoStorage(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false)
    {
    }

    private PostgreSqlNinshoStorage(NpgsqlDataSource dataSource, bool ownsDataSource)
        : this(new PostgreSqlCommands(dataSource))
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    /// <summary>A read-only view whose stores all run on <paramref name="snapshot"/>'s connection and transaction.</summary>
    private PostgreSqlNinshoStorage(PostgreSqlCommands db, NpgsqlConnection snapshot)
        : this(db)
    {
        _snapshot = snapshot;
    }

    private PostgreSqlNinshoStorage(PostgreSqlCommands db)
    {
        UserPools = new PostgreSqlUserPoolStore(db);
        Clients = new PostgreSqlUserPoolClientStore(db);
        Groups = new PostgreSqlGroupStore(db);
        Devices = new PostgreSqlDeviceStore(db);
        Users = new PostgreSqlUserStore(db);
        RefreshTokens = new PostgreSqlRefreshTokenStore(db);
        Secrets = new PostgreSqlSecretStore(db);
        Outbox = new PostgreSqlMessageOutbox(db);
        IdentityPools = new PostgreSqlIdentityPoolStore(db);
        PoolResources = new PostgreSqlPoolResourceStore(db);
        ProviderLinks = new PostgreSqlProviderLinkStore(db);
        WebAuthnCredentials = new PostgreSqlWebAuthnCredentialStore(db);

        AuthEvents = new PostgreSqlAuthEventStore(db);
        ImportJobs = new PostgreSqlUserImportJobStore(db);
        ResourceServers = new PostgreSqlResourceServerStore(db);
        Domains = new PostgreSqlUserPoolDomainStore(db);
        TriggerInvocations = new PostgreSqlTriggerInvocationStore(db);
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

    /// <summary>Applies pending migrations under a transaction-scoped advisory lock.</summary>
    public bool SharedByNodes => true;

    public Task InitializeAsync(CancellationToken ct) =>
        PostgreSqlMigrator.MigrateAsync(_dataSource ?? throw new InvalidOperationException("A snapshot of the database is read-only."), ct);

    /// <inheritdoc/>
    public async Task<string?> ReadinessProblemAsync(CancellationToken ct)
    {
        if (_dataSource is null)
        {
            return null;
        }

        try
        {
            return await PostgreSqlMigrator.MissingMigrationAsync(_dataSource, ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return $"database unreachable: {e.Message}";
        }
    }

    /// <summary>The whole database as of one moment, for <c>ninsho export</c> while the server keeps writing: every
    /// store of the returned storage reads through one connection inside one <c>REPEATABLE READ READ ONLY</c>
    /// transaction, whose snapshot is taken at its first query; writes through it fail. Dispose it to end the
    /// transaction. Reading store by store on pooled connections would mix moments (a membership without its user).</summary>
    public async Task<PostgreSqlNinshoStorage> OpenSnapshotAsync(CancellationToken ct)
    {
        var dataSource = _dataSource ?? throw new InvalidOperationException("Already a snapshot.");
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY;", connection, transaction))
            {
                _ = await readOnly.ExecuteNonQueryAsync(ct);
            }

            return new PostgreSqlNinshoStorage(new PostgreSqlCommands(connection, transaction), connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null)
        {
            await _snapshot.DisposeAsync();
        }

        if (_ownsDataSource)
        {
            await _dataSource!.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _snapshot?.Dispose();
        if (_ownsDataSource)
        {
            _dataSource!.Dispose();
        }
    }
}
