using Microsoft.Data.Sqlite;

namespace Ninsho.Storage.Sqlite;

/// <summary>A connection with an open write transaction; disposing without <see cref="CommitAsync"/> rolls back.</summary>
internal sealed class SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            _ = gate?.Release();
            await connection.DisposeAsync();
        }
    }
}
