using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
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
        if (MissingFile(factory.ConnectionString) is { } path)
        {
            await CreateAsync(path, ct);
        }

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

    /// <summary>Deletes what a creation killed midway (power loss, kill -9) left beside <paramref name="path"/>; only
    /// files an hour old, so that another process creating the database right now keeps its own.</summary>
    private static void DeleteAbandoned(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var leftover in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*.creating*"))
        {
            if (File.GetLastWriteTimeUtc(leftover) < TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1))
            {
                try
                {
                    File.Delete(leftover);
                }
                catch (IOException)
                {
                    // Gone already, or not ours to delete; it does no harm.
                }
            }
        }
    }

    /// <summary>Gives <paramref name="source"/> the name <paramref name="destination"/> unless that name exists; false
    /// when it did. Atomic: on Unix a hard link (which fails when the name exists) and the unlinking of the old name;
    /// <see cref="File.Move(string, string, bool)"/> would check the name, then rename over whatever appeared since.</summary>
    private static bool MoveWithoutReplacing(string source, string destination)
    {
        if (!OperatingSystem.IsWindows())
        {
            int result;
            try
            {
                result = Link(source, destination);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                result = -2;
            }

            if (result == 0)
            {
                File.Delete(source);
                return true;
            }

            // EEXIST (17 on Linux and macOS): the name exists. Other errors (a file system without hard links) fall
            // back to the checked move.
            if (result == -1 && Marshal.GetLastPInvokeError() == 17)
            {
                return false;
            }
        }

        try
        {
            File.Move(source, destination, overwrite: false); // on Windows MoveFileEx, which fails when the name exists
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    private static SqliteCommand InTransaction(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.Command(sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The database file of <paramref name="connectionString"/> when it is a file that does not exist yet.</summary>
    private static string? MissingFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        return builder.Mode == SqliteOpenMode.ReadWriteCreate
            && path.Length > 0
            && !string.Equals(path, ":memory:", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && !File.Exists(path)
            && Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))
                ? path
                : null;
    }

    /// <summary>Creates a new database file with every migration applied, as one step that a crash or power loss cannot
    /// leave half done: the schema is built in a temporary file beside it with no fsync at all (nothing else sees that
    /// file; if anything fails it is deleted), switched to WAL, flushed to disk once, then moved to
    /// <paramref name="path"/>, a move that never replaces a file another process created meanwhile (that one is
    /// used instead). Writing the same schema in place cost five fsyncs (rollback journal, its folder, the file, the
    /// new WAL and its folder), each of which waits for every other write of the machine on a busy disk
    /// (bench/README.md, "Where the cold start goes"). The folder entry is made durable by SQLite's own fsync of the
    /// folder when the first write creates the WAL; a power loss before that loses only an empty database.</summary>
    private static async Task CreateAsync(string path, CancellationToken ct)
    {
        DeleteAbandoned(path);
        var temporary = $"{path}.{Guid.NewGuid():N}.creating";
        try
        {
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = temporary,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString();
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                using (var unsafeSettings = connection.Command("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"))
                {
                    _ = await unsafeSettings.ExecuteNonQueryAsync(ct);
                }

                await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
                {
                    using (var create = InTransaction(transaction,
                        "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);"))
                    {
                        _ = await create.ExecuteNonQueryAsync(ct);
                    }

                    foreach (var script in Scripts)
                    {
                        using (var migrate = InTransaction(transaction, script.Sql))
                        {
                            _ = await migrate.ExecuteNonQueryAsync(ct);
                        }

                        using var record = InTransaction(transaction, "INSERT INTO schema_version (version, name) VALUES ($version, $name);")
                            .With("$version", script.Version)
                            .With("$name", script.Name);
                        _ = await record.ExecuteNonQueryAsync(ct);
                    }

                    await transaction.CommitAsync(ct);
                }

                using var wal = connection.Command("PRAGMA journal_mode = WAL;");
                var mode = (string?)await wal.ExecuteScalarAsync(ct);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}').");
                }
            }

            await using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            // Another process may have created the database meanwhile (its file is complete: it was moved in whole, or
            // SQLite made it in place); then that one is used and this one deleted.
            _ = MoveWithoutReplacing(temporary, path);
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal" })
            {
                File.Delete(leftover);
            }
        }
    }
}
