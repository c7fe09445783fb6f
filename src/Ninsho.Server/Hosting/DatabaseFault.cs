using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ninsho.Server.Hosting;

/// <summary>Recognises the database failures an operator must act on (full, read-only, damaged), so a request that
/// meets one is answered with a message that says so and logged naming the condition, instead of a bare internal
/// error (see docs/data-safety.md).</summary>
internal static class DatabaseFault
{
    /// <summary>The condition (for the log) and the message (for the caller), or null when
    /// <paramref name="exception"/> is not one of these faults.</summary>
    public static (string Condition, string Message)? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Primary result codes (the low byte of an extended code): https://www.sqlite.org/rescode.html
                case SqliteException sqlite:
                    switch (sqlite.SqliteErrorCode & 0xFF)
                    {
                        case 13: return Full("SQLite: database or disk is full (SQLITE_FULL)");
                        case 8: return ReadOnly("SQLite: the database is read-only (SQLITE_READONLY)");
                        case 11: return Damaged("SQLite: the database file is malformed (SQLITE_CORRUPT)");
                        case 26: return Damaged("SQLite: the file is not a database (SQLITE_NOTADB)");
                        case 10: return ("SQLite: disk I/O error (SQLITE_IOERR)", "The server could not read or write its database (disk I/O error); retry later.");
                    }

                    break;
                case PostgresException postgres:
                    switch (postgres.SqlState)
                    {
                        case PostgresErrorCodes.DiskFull: return Full("PostgreSQL: disk full (53100)");
                        case PostgresErrorCodes.ReadOnlySqlTransaction: return ReadOnly("PostgreSQL: read-only transaction (25006), e.g. a standby");
                        case PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted: return Damaged($"PostgreSQL: data corrupted ({postgres.SqlState})");
                    }

                    break;
            }
        }

        return null;
    }

    private static (string, string) Full(string condition) => (condition, "The server's database is full; free disk space, then retry.");

    private static (string, string) ReadOnly(string condition) => (condition, "The server's database is read-only; it cannot store changes.");

    private static (string, string) Damaged(string condition) => (condition, "The server's database is damaged; restore it from a backup.");
}
