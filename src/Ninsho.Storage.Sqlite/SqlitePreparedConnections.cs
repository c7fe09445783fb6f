using Microsoft.Data.Sqlite;

namespace Ninsho.Storage.Sqlite;

/// <summary>Connections kept open with their prepared statements: for the single-statement reads every request
/// makes (users, pools, clients, refresh tokens, a user's groups), and, in a second set, for the write
/// transactions. Microsoft.Data.Sqlite re-parses and re-plans a command's SQL on every new command; a command kept
/// on an open connection is prepared once and re-executed with new parameters. Profiled on AdminGetUser: parsing
/// and planning were most of SQLite's share of the request; on a sign-in (three write transactions) the writes'
/// parsing, connection opens and page-cache refills were (bench/README.md, "Where a sign-in's CPU goes").</summary>
/// <remarks>Nothing is cached but compiled SQL: every execution reads the current data (a statement's snapshot
/// ends when its reader is disposed), so writes of other connections and processes are seen as before. A schema
/// change by another process makes SQLite re-prepare the statement by itself. <see cref="Clear"/> (the factory's
/// ClearPool and Dispose) closes the idle ones and retires those in use.</remarks>
internal sealed class SqlitePreparedConnections
{
    /// <summary>Enough for the request concurrency of a small node; more open plain pooled connections.</summary>
    private const int MaxIdle = 16;

    private readonly Stack<Lease> _idle = new();
    private readonly Lock _lock = new();
    private int _generation;

    public async ValueTask<Lease> RentAsync(SqliteConnectionFactory factory, CancellationToken ct)
    {
        int generation;
        lock (_lock)
        {
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }

            generation = _generation;
        }

        return new Lease(this, await factory.OpenAsync(ct), generation);
    }

    /// <summary>Closes the idle connections; those in use are closed when they come back.</summary>
    public void Clear()
    {
        Lease[] idle;
        lock (_lock)
        {
            _generation++;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var lease in idle)
        {
            lease.Close();
        }
    }

    private void Return(Lease lease)
    {
        lock (_lock)
        {
            if (lease.Generation == _generation && _idle.Count < MaxIdle && lease.Usable)
            {
                _idle.Push(lease);
                return;
            }
        }

        lease.Close();
    }

    /// <summary>One open connection and its commands by SQL text; dispose to give it back.</summary>
    internal sealed class Lease(SqlitePreparedConnections owner, SqliteConnection connection, int generation) : IDisposable
    {
        private const int MaxCommands = 256;

        private readonly Dictionary<string, KeptCommand> _commands = new(StringComparer.Ordinal);

        public int Generation { get; } = generation;

        public bool Usable => connection.State == System.Data.ConnectionState.Open;

        public SqliteConnection Connection => connection;

        /// <summary>The command for <paramref name="sql"/>, prepared on first use, with no parameters bound. A caller
        /// may dispose it (the write path's <c>using</c>): that only clears its parameters, the statement stays
        /// prepared. Past <see cref="MaxCommands"/> distinct texts (SQL built per call) the command is a plain one.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                if (_commands.Count >= MaxCommands)
                {
                    return connection.Command(sql);
                }

                command = new KeptCommand(sql, connection);
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            return command;
        }

        public void Dispose() => owner.Return(this);

        /// <summary>Closes the connection instead of giving it back (its state is in doubt).</summary>
        public void Discard() => Close();

        internal void Close()
        {
            foreach (var command in _commands.Values)
            {
                command.Retire();
            }

            connection.Dispose();
        }
    }

    /// <summary>A command whose <c>Dispose</c> keeps its prepared statement (it clears the parameters), until
    /// <see cref="Retire"/> when its connection closes. Its SQL is its key in the lease, so it cannot change: a caller
    /// that rewrote it (say, a <c>LIMIT</c> for one call) would hand the next caller of the same key another statement.
    /// SQL that varies per call is built before <see cref="Lease.Command"/> (e.g. <see cref="SqliteDialect.WithTake"/>).</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        private readonly bool _keyed;
        private bool _retired;

        public KeptCommand(string sql, SqliteConnection connection)
            : base(sql, connection)
        {
            _keyed = true;
        }

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string CommandText
        {
            get => base.CommandText;
            set
            {
                if (_keyed && !string.Equals(value, base.CommandText, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A kept command's SQL is its key and cannot change; build the SQL before renting the command.");
                }

                base.CommandText = value;
            }
        }

        public void Retire()
        {
            _retired = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (_retired)
            {
                base.Dispose(disposing);
                return;
            }

            Transaction = null;
            Parameters.Clear();
        }
    }
}
