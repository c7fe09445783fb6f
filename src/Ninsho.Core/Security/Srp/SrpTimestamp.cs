using System.Globalization;
using System.Text.RegularExpressions;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Security.Srp;

/// <summary>The TIMESTAMP of a PASSWORD_VERIFIER answer: <c>EEE MMM d HH:mm:ss z yyyy</c> in English, day not
/// padded (docs/cognito-behaviour.md#srp-timestamp-format). The signature covers the exact string received, so only its shape is checked.</summary>
internal static partial class SrpTimestamp
{
    private static readonly string[] Formats = ["ddd MMM d HH:mm:ss 'UTC' yyyy"];

    /// <summary>Throws InvalidParameterException unless <paramref name="timestamp"/> has Cognito's format.</summary>
    public static DateTimeOffset Parse(string? timestamp)
    {
        if (timestamp is null || !Shape().IsMatch(timestamp)
            || !DateTimeOffset.TryParseExact(timestamp, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw CognitoErrors.InvalidSrpTimestamp();
        }

        return parsed;
    }

    /// <summary>How the clients write <paramref name="time"/> (for tests and our own clients).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Z][a-z]{2} [A-Z][a-z]{2} [1-9][0-9]? [0-9]{2}:[0-9]{2}:[0-9]{2} UTC [0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
