using Ninsho.Storage.Internal.Rows;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlSecretStore(PostgreSqlCommands db) : ISecretStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidate);

        // Two statements, each with its own snapshot (autocommit, read committed): the insert waits for a
        // concurrent inserter of the same name and then does nothing; the select then sees the winner's row.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using (var insert = new NpgsqlCommand(SecretRows.Insert, connection))
        {
            SecretRows.Bind(Sql, insert, name, candidate);
            _ = await insert.ExecuteNonQueryAsync(ct);
        }

        await using var select = new NpgsqlCommand(SecretRows.Find, connection);
        Sql.Text(select, "@name", name);
        return (byte[])(await select.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct)
    {
        await using var select = db.CreateCommand(SecretRows.List);
        return await Sql.ReadAllAsync(select, SecretRows.Read, ct);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(SecretRows.Delete);
        Sql.Text(delete, "@name", name);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }
}
