using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlSecretStore(PostgreSqlCommands db) : ISecretStore
{
    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidate);

        // Two statements, each with its own snapshot (autocommit, read committed): the insert waits for a
        // concurrent inserter of the same name and then does nothing; the select then sees the winner's row.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using (var insert = new NpgsqlCommand("INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING;", connection)
            .With("name", name)
            .With("value", candidate))
        {
            _ = await insert.ExecuteNonQueryAsync(ct);
        }

        await using var select = new NpgsqlCommand("SELECT value FROM secrets WHERE name = @name;", connection).With("name", name);
        return (byte[])(await select.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct)
    {
        await using var select = db.CreateCommand("SELECT name, value FROM secrets ORDER BY name;");
        await using var reader = await select.ExecuteReaderAsync(ct);
        var secrets = new List<KeyValuePair<string, byte[]>>();
        while (await reader.ReadAsync(ct))
        {
            secrets.Add(KeyValuePair.Create(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return secrets;
    }
}
