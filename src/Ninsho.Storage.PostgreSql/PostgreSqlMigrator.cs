using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

/// <summary>Applies the embedded <c>Migrations/V###__*.sql</c> scripts not yet recorded in <c>schema_version</c>.</summary>
internal static class PostgreSqlMigrator
{
    /// <summary>The advisory lock key ("Ninsho" in ASCII) every node takes around migrations.</summary>
    internal const long LockKey = 0x4E696E73686F;

    private static readonly IReadOnlyList<MigrationScript> Scripts = MigrationScript.LoadAll(typeof(PostgreSqlMigrator).Assembly);

    /// <summary>Null when every migration of this build is recorded in <c>schema_version</c>, else what is missing.</summary>
    public static async Task<string?> MissingMigrationAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var select = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection);
        var applied = Convert.ToInt32(await select.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        var expected = Scripts.Count == 0 ? 0 : Scripts.Max(s => s.Version);
        return applied < expected ? $"schema version {applied}, this build needs {expected}" : null;
    }

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Several stateless nodes may start at once: the first takes the lock and migrates, the others wait
        // here, then find the versions recorded. The lock is released with the transaction.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey});", ct);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
            ct);

        var applied = new Dictionary<int, string>();
        await using (var select = new NpgsqlCommand("SELECT version, name FROM schema_version;", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        // A migration this build lacks means a newer build wrote the database: stop before touching it.
        MigrationScript.RefuseUnknown(Scripts, applied);

        foreach (var script in Scripts)
        {
            if (applied.ContainsKey(script.Version))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name);", connection, transaction)
                .With("version", script.Version)
                .With("name", script.Name);
            _ = await record.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        _ = await command.ExecuteNonQueryAsync(ct);
    }
}
