namespace Ninsho.Storage;

/// <summary>The outcome of an insert.</summary>
public enum CreateResult
{
    Created,
    AlreadyExists,
}
