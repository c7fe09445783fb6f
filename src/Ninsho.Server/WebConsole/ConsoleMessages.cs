using System.Globalization;
using Ninsho.Server.Hosting;
using Ninsho.Storage;

namespace Ninsho.Server.WebConsole;

/// <summary>The messages page's data: the outbox that <c>GET /_ninsho/outbox</c> reads, newest first, and the wait
/// for a newer message behind the page's live update.</summary>
internal sealed class ConsoleMessages(INinshoStorage storage, ServerClock clock)
{
    public const int PageSize = 100;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<MessagesView> ListAsync(string? pool, string? recipient, CancellationToken ct)
    {
        var messages = await storage.Outbox.ListAsync(Blank(pool), Blank(recipient), PageSize, ct);
        return new MessagesView(Blank(pool), Blank(recipient), [.. messages.Reverse()]);
    }

    /// <summary>The newest message id once one is greater than <paramref name="after"/>, or <paramref name="after"/>
    /// when none came within the wait (the page then asks again).</summary>
    public async Task<long> WaitNewerAsync(string? pool, string? recipient, long after, CancellationToken ct)
    {
        var started = clock.Real.GetTimestamp();
        while (true)
        {
            var newest = await storage.Outbox.ListAsync(Blank(pool), Blank(recipient), 1, ct);
            if (newest.Count > 0 && newest[^1].Id > after)
            {
                return newest[^1].Id;
            }

            if (clock.Real.GetElapsedTime(started) >= MaxWait)
            {
                return after;
            }

            await Task.Delay(PollInterval, clock.Real, ct);
        }
    }

    public static string Json(long newest) => "{\"newest\":" + newest.ToString(CultureInfo.InvariantCulture) + "}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
