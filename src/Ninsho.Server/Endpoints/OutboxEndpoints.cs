using Ninsho.Storage;

namespace Ninsho.Server.Endpoints;

/// <summary><c>GET /_ninsho/outbox?pool=&amp;recipient=&amp;limit=</c>: the messages the default sender kept,
/// so that developers (and tests) can read verification codes and temporary passwords.</summary>
internal static class OutboxEndpoints
{
    public static void MapOutbox(this WebApplication app) =>
        app.MapGet("/_ninsho/outbox", async (string? pool, string? recipient, int? limit, INinshoStorage storage, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? OutboxJson.DefaultLimit, 1, OutboxJson.MaxLimit);
            var messages = await storage.Outbox.ListAsync(Blank(pool), Blank(recipient), take, ct);
            return Results.Text(OutboxJson.Write(messages), "application/json");
        });

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
