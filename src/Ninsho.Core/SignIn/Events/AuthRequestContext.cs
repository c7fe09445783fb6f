using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>What the current sign-in request says about its client (IP address), for the auth event it may
/// record. Set by the sign-in operation handlers; it flows down the async call into the sign-in logic, so the
/// shared sign-in services need no extra parameter.</summary>
internal static class AuthRequestContext
{
    private static readonly AsyncLocal<EventContextDataType?> Value = new();

    public static EventContextDataType? Current => Value.Value;

    /// <summary>Uses the IP address the request's context data names, else the caller's address.</summary>
    public static void Set(string? contextIpAddress, string? remoteAddress)
    {
        var ip = string.IsNullOrEmpty(contextIpAddress) ? remoteAddress : contextIpAddress;
        Value.Value = ip is null ? null : new EventContextDataType { IpAddress = ip };
    }
}
