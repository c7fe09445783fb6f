using Microsoft.Data.Sqlite;

namespace Ninsho.Storage.Sqlite;

/// <summary>A kept-open connection with an open write transaction; disposing without <see cref="CommitAsync"/> rolls
/// back, and gives the connection back.</summary>
internal sealed class SqliteWrite(SqlitePreparedConnections.Lease lease, SqliteTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    /// <summary>The prepared command for <paramref name="sql"/> in this transaction (disposing it keeps it prepared).</summary>
    public SqliteCommand Command(string sql)
    {
        var command = lease.Command(sql);
        command.Transaction = transaction;
        return command;
    }

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
            lease.Dispose();
        }
        catch
        {
            // A rollback that failed may leave the connection inside its transaction: never reuse it.
            lease.Discard();
            throw;
        }
        finally
        {
            _ = gate?.Release();
        }
    }
}
