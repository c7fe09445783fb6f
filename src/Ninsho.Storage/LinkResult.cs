namespace Ninsho.Storage;

/// <summary>What linking a login to an identity did.</summary>
public enum LinkResult
{
    Linked,
    AlreadyLinkedHere,
    LinkedToAnotherIdentity,
    IdentityNotFound,
}
