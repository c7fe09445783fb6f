namespace Ninsho.Core.Security;

/// <summary>Whether the client that sent the current request is still connected. Asked before work that costs a
/// full password hash, so that a sign-in whose caller has given up (timed out, closed the connection) is not hashed
/// for nobody: under load those queued, abandoned hashes would otherwise take the CPU from callers still waiting.</summary>
public interface ICallerPresence
{
    /// <summary>True only when the caller is known to have closed its connection.</summary>
    bool HasLeft();
}
