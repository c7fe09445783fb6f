using Microsoft.Data.Sqlite;

namespace Ninsho.Storage.Sqlite;

/// <summary>Connections kept open with their prepared statements, for the single-statement reads every request
/// makes (users, pools, clients, refresh tokens, a user's groups). Microsoft.Data.Sqlite re-parses and re-plans a
/// command's SQL on every new command; a command kept on an open connection is prepared once and re-executed with
/// new parameters. Profiled on AdminGetUser: parsing and planning were most of SQLite's share of the request.</summary>
/// <remarks>Nothing is cached but compiled SQL: every execution reads the current data (a statement's snapshot
/// ends when its reader is disposed), so writes of other connections and processes are seen as before. A schema
/// change by another process makes SQLite re-prepare the statement by itself. <see cref="Clear"/> (the factory's
/// ClearPool and Dispose) closes the idle ones and retires those in use.</remarks>
internal sealed class SqlitePreparedReads
{
    /// <summary>Enough for the request concurrency of a small node; more readers open plain pooled connections.</summary>
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
    internal sealed class Lease(SqlitePreparedReads owner, SqliteConnection connection, int generation) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public int Generation { get; } = generation;

        public bool Usable => connection.State == System.Data.ConnectionState.Open;

        /// <summary>The command for <paramref name="sql"/>, prepared on first use, with no parameters bound.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            return command;
        }

        public void Dispose() => owner.Return(this);

        internal void Close()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
