using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteSecretStore(SqliteConnectionFactory db) : ISecretStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidate);

        // The first writer's value wins; everyone, on any connection, then reads that value.
        await using var write = await db.BeginWriteAsync(ct);
        using (var insert = write.Command(SecretRows.Insert))
        {
            SecretRows.Bind(Sql, insert, name, candidate);
            _ = await insert.ExecuteNonQueryAsync(ct);
        }

        using var select = write.Command(SecretRows.Find);
        Sql.Text(select, "@name", name);
        var value = (byte[])(await select.ExecuteScalarAsync(ct))!;
        await write.CommitAsync(ct);
        return value;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(SecretRows.List);
        return await Sql.ReadAllAsync(select, SecretRows.Read, ct);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(SecretRows.Delete);
        Sql.Text(delete, "@name", name);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }
}
