using System.Text;
using System.Text.Json;
using Ninsho.Storage;

namespace Ninsho.Server.Endpoints;

/// <summary>The outbox as JSON, for <c>GET /_ninsho/outbox</c> and <c>ninsho outbox</c>:
/// <c>{"Messages":[{"Id","UserPoolId","Username","Recipient","Medium","Subject","Body","Code","CreatedAt"}]}</c>,
/// oldest first.</summary>
internal static class OutboxJson
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static string Write(IReadOnlyList<StoredMessage> messages, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteStartArray("Messages");
            foreach (var m in messages)
            {
                json.WriteStartObject();
                json.WriteNumber("Id", m.Id);
                json.WriteString("UserPoolId", m.UserPoolId);
                json.WriteString("Username", m.Username);
                json.WriteString("Recipient", m.Recipient);
                json.WriteString("Medium", m.Medium);
                json.WriteString("Subject", m.Subject);
                json.WriteString("Body", m.Body);
                json.WriteString("Code", m.Code);
                json.WriteString("CreatedAt", m.CreatedAt.UtcDateTime);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
