namespace Ninsho.Storage;

/// <summary>The database records a migration this build does not have: it was written by a newer Ninsho. Starting
/// anyway would run old code on a schema it does not understand (a silent downgrade), so start-up stops instead.</summary>
public sealed class DatabaseSchemaTooNewException : Exception
{
    public DatabaseSchemaTooNewException(int databaseVersion, string databaseMigration, int newestKnownVersion)
        : base($"The database's schema is at version {databaseVersion} ({databaseMigration}), newer than this Ninsho build, "
            + $"which knows versions up to {newestKnownVersion}. Refusing to start: run the Ninsho build that wrote the database "
            + "(or a newer one), or restore a backup made with this version.")
    {
        DatabaseVersion = databaseVersion;
        NewestKnownVersion = newestKnownVersion;
    }

    public DatabaseSchemaTooNewException()
    {
    }

    public DatabaseSchemaTooNewException(string message)
        : base(message)
    {
    }

    public DatabaseSchemaTooNewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The newest migration the database records that this build does not know.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The newest migration this build has.</summary>
    public int NewestKnownVersion { get; }
}
