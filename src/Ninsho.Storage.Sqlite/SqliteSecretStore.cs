namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteSecretStore(SqliteConnectionFactory db) : ISecretStore
{
    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidate);

        // The first writer's value wins; everyone, on any connection, then reads that value.
        await using var write = await db.BeginWriteAsync(ct);
        using (var insert = write.Command("INSERT OR IGNORE INTO secrets (name, value) VALUES ($name, $value);")
            .With("$name", name)
            .With("$value", candidate))
        {
            _ = await insert.ExecuteNonQueryAsync(ct);
        }

        using var select = write.Command("SELECT value FROM secrets WHERE name = $name;").With("$name", name);
        var value = (byte[])(await select.ExecuteScalarAsync(ct))!;
        await write.CommitAsync(ct);
        return value;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command("SELECT name, value FROM secrets ORDER BY name;");
        await using var reader = await select.ExecuteReaderAsync(ct);
        var secrets = new List<KeyValuePair<string, byte[]>>();
        while (await reader.ReadAsync(ct))
        {
            secrets.Add(KeyValuePair.Create(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return secrets;
    }
}
