using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

/// <summary>Applies the embedded <c>Migrations/V###__*.sql</c> scripts not yet recorded in <c>schema_version</c>.</summary>
internal static class SqliteMigrator
{
    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScript.LoadAll(typeof(SqliteMigrator).Assembly);

    /// <summary>Null when every migration of this build is recorded in <c>schema_version</c>, else what is missing.</summary>
    public static async Task<string?> MissingMigrationAsync(SqliteConnectionFactory factory, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        using var select = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version;");
        var applied = Convert.ToInt32(await select.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        var expected = Scripts.Count == 0 ? 0 : Scripts.Max(s => s.Version);
        return applied < expected ? $"schema version {applied}, this build needs {expected}" : null;
    }

    public static async Task MigrateAsync(SqliteConnectionFactory factory, CancellationToken ct)
    {
        await using (var connection = await factory.OpenAsync(ct))
        {
            // Persistent in the file; must run outside a transaction. A no-op once the database is in WAL mode.
            using var wal = connection.Command("PRAGMA journal_mode = WAL;");
            var mode = (string?)await wal.ExecuteScalarAsync(ct);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}').");
            }
        }

        // BEGIN IMMEDIATE takes the database's write lock first: a second process starting at the same time
        // waits (busy timeout), then finds the versions recorded and has nothing left to do.
        await using var write = await factory.BeginWriteAsync(ct);
        using (var create = write.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);"))
        {
            _ = await create.ExecuteNonQueryAsync(ct);
        }

        var applied = new Dictionary<int, string>();
        using (var select = write.Command("SELECT version, name FROM schema_version;"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        // A migration this build lacks means a newer build wrote the file: stop before touching it.
        MigrationScript.RefuseUnknown(Scripts, applied);

        foreach (var script in Scripts)
        {
            if (applied.ContainsKey(script.Version))
            {
                continue;
            }

            using (var migrate = write.Command(script.Sql))
            {
                _ = await migrate.ExecuteNonQueryAsync(ct);
            }

            using var record = write.Command("INSERT INTO schema_version (version, name) VALUES ($version, $name);")
                .With("$version", script.Version)
                .With("$name", script.Name);
            _ = await record.ExecuteNonQueryAsync(ct);
        }

        await write.CommitAsync(ct);
    }
}
