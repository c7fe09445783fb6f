using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ninsho.Storage.Sqlite;

/// <summary>Opens pooled connections to one SQLite database, each set up the same way
/// (busy timeout, <c>synchronous=NORMAL</c> or <c>FULL</c>, foreign keys on).</summary>
/// <remarks>Microsoft.Data.Sqlite pools connections per connection string, so a connection per operation is cheap.
/// Reads run concurrently (WAL lets readers proceed while one writer commits). Writes of this process go
/// through a gate, one at a time: SQLite allows one writer per database anyway, and queueing here (first come,
/// first served) replaces the busy handler's unfair sleep-and-retry. Measured with 16 tasks creating 4,800 users
/// on a loaded 2-core machine: without the gate about 20% more throughput but a worst case of 0.7-1.8 s per
/// write (a writer starved by the busy handler); with it, a worst case of 30-55 ms. Writers in other processes
/// still wait on the busy timeout.</remarks>
public sealed class SqliteConnectionFactory : IDisposable
{
    /// <summary>How long a statement waits for another connection's lock before failing with SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    // synchronous=NORMAL in WAL mode (the default here): a commit is durable once it is in the WAL file; the WAL is
    // fsynced at checkpoints, not at every commit. That survives a crash or kill -9 of the process (the OS still has
    // the writes); only a power loss or OS crash can lose the last commits, and never corrupts the database.
    // FULL also fsyncs the WAL at every commit, so those survive a power loss too, at the cost of an fsync per write.
    private string ConnectionPragmas => Synchronous == SqliteSynchronous.Full
        ? "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        : "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private readonly SqlitePreparedConnections _preparedReads = new();

    // Writes are serialized (the gate), so this set holds one connection in practice: it keeps its prepared
    // statements and, being the only writer, a page cache no other connection's commit invalidates.
    private readonly SqlitePreparedConnections _preparedWrites = new();

    // The native handles that already carry the pragmas. A pooled connection keeps its handle (and so its
    // pragmas) between opens; running the three pragmas on every open cost three extra statements per storage
    // call. Weak keys: a handle the pool closes drops out by itself.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    private static readonly object ConfiguredMarker = new();

    public SqliteConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>How hard a commit waits for the disk (default <see cref="SqliteSynchronous.Normal"/>); see docs/data-safety.md.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>Serialize this process's writes through an in-process gate (default true).</summary>
    public bool SerializeWrites { get; init; } = true;

    /// <summary>A factory for the database file at <paramref name="path"/> (created when missing).</summary>
    public static SqliteConnectionFactory ForFile(string path, SqliteSynchronous synchronous = SqliteSynchronous.Normal) =>
        new(ConnectionStringForFile(path)) { Synchronous = synchronous };

    /// <summary>The connection string <see cref="ForFile"/> uses: the file (created when missing), pooled.</summary>
    public static string ConnectionStringForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>Opens a connection with the per-connection pragmas applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            var handle = connection.Handle;
            if (handle is null || !_configured.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = ConnectionPragmas;
                _ = await command.ExecuteNonQueryAsync(ct);
                if (handle is not null)
                {
                    _configured.AddOrUpdate(handle, ConfiguredMarker);
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A kept-open connection whose commands stay prepared, for a hot single-statement read; dispose it
    /// to give it back (see <see cref="SqlitePreparedConnections"/>).</summary>
    internal ValueTask<SqlitePreparedConnections.Lease> OpenPreparedAsync(CancellationToken ct) => _preparedReads.RentAsync(this, ct);

    /// <summary>Gives the connections kept open with prepared statements (reads and the write connection) back to the
    /// connection pool, closing their statements; the next calls keep new ones.</summary>
    public void ReleaseKeptConnections()
    {
        _preparedReads.Clear();
        _preparedWrites.Clear();
    }

    /// <summary>Drops this database's idle pooled connections, closing the file (e.g. before deleting it).</summary>
    public void ClearPool()
    {
        ReleaseKeptConnections();
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Runs <paramref name="deleteSql"/> (a DELETE of at most <c>@batch</c> or <c>$batch</c> rows: the name is
    /// bound without a prefix, which Microsoft.Data.Sqlite matches to either) in one write transaction after another
    /// until a batch deletes fewer than that; returns the rows deleted. Other writers get the lock between batches, so
    /// a sweep of a large backlog never stalls requests for long.</summary>
    internal async Task<int> DeleteInBatchesAsync(string deleteSql, Func<SqliteCommand, SqliteCommand> bind, CancellationToken ct)
    {
        const int BatchSize = 1000;
        var total = 0;
        int deleted;
        do
        {
            await using var write = await BeginWriteAsync(ct);
            using var delete = bind(write.Command(deleteSql)).With("batch", BatchSize);
            deleted = await delete.ExecuteNonQueryAsync(ct);
            await write.CommitAsync(ct);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }

    public void Dispose()
    {
        ClearPool();
        _writeGate.Dispose();
    }

    /// <summary>Begins an IMMEDIATE transaction (the write lock is taken at once, so two writers never deadlock
    /// upgrading a read lock) on a kept-open write connection, once this process's earlier writes are done.</summary>
    internal async Task<SqliteWrite> BeginWriteAsync(CancellationToken ct)
    {
        var gated = false;
        SqlitePreparedConnections.Lease? lease = null;
        try
        {
            if (SerializeWrites)
            {
                await _writeGate.WaitAsync(ct);
                gated = true;
            }

            lease = await _preparedWrites.RentAsync(this, ct);
            var transaction = lease.Connection.BeginTransaction(deferred: false);
            return new SqliteWrite(lease, transaction, gated ? _writeGate : null);
        }
        catch
        {
            lease?.Discard();
            if (gated)
            {
                _ = _writeGate.Release();
            }

            throw;
        }
    }
}
