namespace Ninsho.Server.LogDelivery;

/// <summary>
/// Where the operator sends each configured log ARN (<c>--log-destination ARN=DESTINATION</c>, repeatable; env
/// NINSHO_LOG_DESTINATIONS, comma-separated; docs/operations.md#log-delivery). ARN is a log group, bucket or stream
/// ARN as SetLogDeliveryConfiguration names it, or a prefix ending in <c>*</c> (<c>*</c> alone takes every ARN);
/// an exact ARN wins over a prefix, a longer prefix over a shorter one. DESTINATION is <c>file:/path</c> (JSON lines
/// appended), <c>stdout</c>, or <c>otlp</c> / <c>otlp:URL</c> (an OTLP/HTTP collector, <see cref="OtlpLogDelivery"/>).
/// </summary>
public sealed class LogDestinations
{
    private readonly List<(string Pattern, string Destination)> _entries;

    private LogDestinations(List<(string Pattern, string Destination)> entries) => _entries = entries;

    /// <summary>No destination: log export is off.</summary>
    public static LogDestinations None { get; } = new([]);

    public bool Any => _entries.Count > 0;

    /// <summary>The destinations of the <c>--log-destination</c> values, or the reason they cannot be used.</summary>
    public static (LogDestinations? Destinations, string? Problem) Parse(IEnumerable<string> values)
    {
        var entries = new List<(string, string)>();
        foreach (var value in values)
        {
            // ARNs have colons; the destination starts after the last '=' (ARNs have none).
            var equals = value.LastIndexOf('=');
            var (pattern, destination) = equals > 0 ? (value[..equals].Trim(), value[(equals + 1)..].Trim()) : (string.Empty, string.Empty);
            if (pattern.Length == 0 || destination.Length == 0)
            {
                return (null, $"--log-destination takes ARN=DESTINATION (ARN a log group, bucket or stream ARN, or a prefix ending in *; DESTINATION file:/path, stdout, otlp or otlp:URL), not '{value}'");
            }

            if (IsOtlp(destination))
            {
                if (OtlpLogDelivery.LogsUrl(destination) is null)
                {
                    return (null, $"--log-destination {pattern}: otlp:URL needs an absolute http:// or https:// URL, not '{destination}'");
                }
            }
            else if (destination != "stdout" && !(destination.StartsWith("file:", StringComparison.Ordinal) && destination.Length > "file:".Length))
            {
                return (null, $"--log-destination {pattern}: the destination must be file:/path, stdout, otlp or otlp:URL, not '{destination}'");
            }

            if (destination.StartsWith("file:", StringComparison.Ordinal)
                && Path.GetDirectoryName(Path.GetFullPath(destination["file:".Length..])) is { } folder && !Directory.Exists(folder))
            {
                return (null, $"--log-destination {pattern}: the folder {folder} does not exist");
            }

            entries.Add((pattern, destination));
        }

        return (new LogDestinations(entries), null);
    }

    /// <summary>The destination <paramref name="arn"/> is mapped to (<c>stdout</c> or <c>file:/path</c>), or null.</summary>
    public string? Resolve(string arn)
    {
        string? best = null;
        var bestLength = -1;
        foreach (var (pattern, destination) in _entries)
        {
            if (string.Equals(pattern, arn, StringComparison.Ordinal))
            {
                return destination;
            }

            if (pattern.EndsWith('*') && arn.StartsWith(pattern[..^1], StringComparison.Ordinal) && pattern.Length > bestLength)
            {
                (best, bestLength) = (destination, pattern.Length);
            }
        }

        return best;
    }

    /// <summary>True for <c>otlp</c> and <c>otlp:URL</c>.</summary>
    public static bool IsOtlp(string destination) => destination == "otlp" || destination.StartsWith("otlp:", StringComparison.Ordinal);

    /// <summary>The distinct destinations, for opening them once.</summary>
    public IEnumerable<string> All => _entries.Select(e => e.Destination).Distinct(StringComparer.Ordinal);
}
