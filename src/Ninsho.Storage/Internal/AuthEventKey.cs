namespace Ninsho.Storage.Internal;

/// <summary>The keyset position of an auth event in a newest-first listing: <c>&lt;created ms&gt;:&lt;event id&gt;</c>.</summary>
internal static class AuthEventKey
{
    public static string Of(StoredAuthEvent e) => $"{UnixMilliseconds.From(e.CreatedAt)}:{e.EventId}";

    /// <summary>The parts of a key, or null for a key this store did not make.</summary>
    public static (long CreatedMs, string EventId)? Parse(string? key)
    {
        var colon = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && long.TryParse(key.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? (ms, key![(colon + 1)..])
            : null;
    }
}
