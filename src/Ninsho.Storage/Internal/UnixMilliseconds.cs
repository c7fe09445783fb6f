namespace Ninsho.Storage.Internal;

/// <summary>Timestamps as stored: whole milliseconds since the Unix epoch, UTC.</summary>
internal static class UnixMilliseconds
{
    public static long From(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToDateTimeOffset(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary><paramref name="value"/> cut to whole milliseconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
