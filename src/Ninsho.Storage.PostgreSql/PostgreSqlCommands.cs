using Npgsql;

namespace Ninsho.Storage.PostgreSql;

/// <summary>Where the stores' SQL runs: normally the data source (each command on a pooled connection, a statement its
/// own transaction, or a store's own transaction on <see cref="OpenConnectionAsync"/>); for a snapshot, one open
/// connection inside one read-only transaction, so that every read of every store sees the same moment.</summary>
internal sealed class PostgreSqlCommands
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;

    public PostgreSqlCommands(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    public PostgreSqlCommands(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>A command on the data source, or on the snapshot's connection and transaction.</summary>
    public NpgsqlCommand CreateCommand(string? sql = null) =>
        _dataSource?.CreateCommand(sql) ?? new NpgsqlCommand(sql, _connection, _transaction);

    /// <summary>A connection of its own for a store's write transaction; a snapshot is read-only and has none.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct) =>
        _dataSource?.OpenConnectionAsync(ct) ?? throw new InvalidOperationException("A snapshot of the database is read-only.");
}
