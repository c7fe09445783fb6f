using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
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
