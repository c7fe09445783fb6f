using System.Text;
using System.Text.Json;
using Ninsho.Storage;

namespace Ninsho.Server.Endpoints;

/// <summary><c>GET /_ninsho/triggers?pool=&amp;source=&amp;limit=</c>: the trigger invocation log (docs/triggers.md#the-invocation-log),
/// oldest first: <c>{"Invocations":[{"Id","UserPoolId","TriggerSource","FunctionArn","Target","Event","ResponseBody",
/// "ErrorType","ErrorMessage","DurationMs","CreatedAt"}]}</c>, <c>Event</c> as the JSON object sent. An operator
/// route: the same access rules as the outbox (events carry user attributes).</summary>
internal static class TriggerInvocationEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void MapTriggerInvocations(this WebApplication app) =>
        app.MapGet("/_ninsho/triggers", async (string? pool, string? source, int? limit, INinshoStorage storage, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
            var invocations = await storage.TriggerInvocations.ListAsync(Blank(pool), Blank(source), take, ct);
            return Results.Text(Write(invocations), "application/json");
        });

    private static string Write(IReadOnlyList<StoredTriggerInvocation> invocations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Invocations");
            foreach (var i in invocations)
            {
                json.WriteStartObject();
                json.WriteNumber("Id", i.Id);
                json.WriteString("UserPoolId", i.UserPoolId);
                json.WriteString("TriggerSource", i.TriggerSource);
                json.WriteString("FunctionArn", i.FunctionArn);
                json.WriteString("Target", i.Target);
                json.WritePropertyName("Event");
                json.WriteRawValue(i.EventJson, skipInputValidation: false);
                json.WriteString("ResponseBody", i.ResponseBody);
                json.WriteString("ErrorType", i.ErrorType);
                json.WriteString("ErrorMessage", i.ErrorMessage);
                json.WriteNumber("DurationMs", i.DurationMs);
                json.WriteString("CreatedAt", i.CreatedAt.UtcDateTime);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
