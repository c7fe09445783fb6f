namespace Ninsho.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode: <see cref="Normal"/> may lose the last commits on a power
/// loss (never the database's consistency); <see cref="Full"/> fsyncs every commit and loses none.</summary>
public enum SqliteSynchronous
{
    Normal = 1,
    Full = 2,
}
