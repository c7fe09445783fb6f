using Ninsho.Storage;

namespace Ninsho.Server.Endpoints;

/// <summary><c>GET /_ninsho/outbox?pool=&amp;recipient=&amp;limit=&amp;after=&amp;wait=</c>: the messages the default
/// sender kept, so that developers (and tests) can read verification codes and temporary passwords. <c>after</c>
/// keeps only messages whose Id is greater; <c>wait</c> (seconds, at most 60) holds the answer until at least one
/// message matches or the time is up (then the list is empty): a test waits for its code without polling
/// (docs/test-control.md#the-outbox).</summary>
internal static class OutboxEndpoints
{
    public const int MaxWaitSeconds = 60;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static void MapOutbox(this WebApplication app) =>
        app.MapGet("/_ninsho/outbox", async (string? pool, string? recipient, int? limit, long? after, double? wait, INinshoStorage storage, Hosting.ServerClock clock, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? OutboxJson.DefaultLimit, 1, OutboxJson.MaxLimit);
            var deadline = clock.Real.GetTimestamp();
            var budget = TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWaitSeconds));
            while (true)
            {
                var messages = await storage.Outbox.ListAsync(Blank(pool), Blank(recipient), take, ct);
                if (after is { } id)
                {
                    messages = [.. messages.Where(m => m.Id > id)];
                }

                if (messages.Count > 0 || clock.Real.GetElapsedTime(deadline) >= budget)
                {
                    return Results.Text(OutboxJson.Write(messages), "application/json");
                }

                await Task.Delay(PollInterval, clock.Real, ct);
            }
        });

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
