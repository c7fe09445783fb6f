namespace Ninsho.Storage;

/// <summary>The outcome of a versioned update or delete.</summary>
public enum UpdateResult
{
    Updated,
    NotFound,

    /// <summary>The stored version differs from the one the caller read: re-read and retry.</summary>
    VersionConflict,
}
