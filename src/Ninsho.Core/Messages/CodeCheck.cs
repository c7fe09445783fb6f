namespace Ninsho.Core.Messages;

/// <summary>The outcome of checking a one-time code.</summary>
internal enum CodeCheck
{
    Valid,
    Mismatch,
    Expired,
    Missing,
    TooManyAttempts,
}
