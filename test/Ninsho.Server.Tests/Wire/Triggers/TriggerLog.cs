using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Reads what a trigger test checks: the invocation log (<c>GET /_ninsho/triggers</c>) and the outbox
/// (<c>GET /_ninsho/outbox</c>).</summary>
public static class TriggerLog
{
    /// <summary>The pool's trigger invocations, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> InvocationsAsync(NinshoProcess server, string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"{server.BaseUrl}/_ninsho/triggers?pool={pool}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The outbox messages to <paramref name="recipient"/> in the pool, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> MessagesAsync(NinshoProcess server, string pool, string recipient, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(
            new Uri($"{server.BaseUrl}/_ninsho/outbox?pool={Uri.EscapeDataString(pool)}&recipient={Uri.EscapeDataString(recipient)}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Messages").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The code of the newest outbox message to <paramref name="recipient"/>.</summary>
    public static async Task<string> LastCodeAsync(NinshoProcess server, string pool, string recipient, CancellationToken ct) =>
        (await MessagesAsync(server, pool, recipient, ct))[^1].Str("Code");
}
