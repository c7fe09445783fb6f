using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.RiskConfiguration;

/// <summary>What SetRiskConfiguration checks beyond the model: IP ranges in CIDR notation; and the default it fills
/// in (compromised-credentials actions apply to every event when no EventFilter is given, so Describe shows all three,
/// in the order of the CLI's example).</summary>
internal static class RiskConfigurationRules
{
    private static readonly string[] AllEvents = [EventFilterType.SIGN_IN, EventFilterType.SIGN_UP, EventFilterType.PASSWORD_CHANGE];

    public static void Check(RiskExceptionConfigurationType? exceptions)
    {
        foreach (var range in (exceptions?.BlockedIPRangeList ?? []).Concat(exceptions?.SkippedIPRangeList ?? []))
        {
            if (!IsCidr(range))
            {
                throw CognitoErrors.InvalidIpRange(range);
            }
        }
    }

    public static CompromisedCredentialsRiskConfigurationType? WithDefaults(CompromisedCredentialsRiskConfigurationType? compromised) =>
        compromised is { EventFilter: null or { Count: 0 } } ? compromised with { EventFilter = AllEvents } : compromised;

    /// <summary>An IPv4 (dotted quad) or IPv6 address, a slash and a prefix length that fits it (<c>192.0.2.0/24</c>,
    /// <c>2001:db8::/32</c>).</summary>
    public static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.Length - slash - 1 > 3)
        {
            return false;
        }

        var host = value.AsSpan(0, slash);
        var dottedQuad = host.Count('.') == 3 && !host.Contains(':');
        if ((!dottedQuad && !host.Contains(':')) || host.Contains('%') || !IPAddress.TryParse(host, out var address)
            || !int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        return prefix <= (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
    }
}
