using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>A response as the wire carried it: status, all headers (case-insensitive), body text and JSON.</summary>
public sealed class RawResponse
{
    private RawResponse(HttpStatusCode status, Dictionary<string, string> headers, string body)
    {
        Status = status;
        Headers = headers;
        Body = body;
        try
        {
            Json = body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            Json = null;
        }
    }

    public HttpStatusCode Status { get; }

    public int StatusCode => (int)Status;

    /// <summary>Response and content headers; several values of one header are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    public JsonDocument? Json { get; }

    /// <summary>The body's <c>__type</c>, or null.</summary>
    public string? ErrorType => StringMember("__type");

    /// <summary>The body's <c>message</c> (or <c>Message</c>), or null.</summary>
    public string? Message => StringMember("message") ?? StringMember("Message");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<RawResponse> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        return new RawResponse(response.StatusCode, headers, body);
    }

    public string Describe()
    {
        var headers = string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"));
        var body = Body.Length > 2000 ? Body[..2000] + "…" : Body;
        return $"HTTP {StatusCode}\n{headers}\n\n{body}";
    }

    private string? StringMember(string name) =>
        Json is { RootElement.ValueKind: JsonValueKind.Object } json
        && json.RootElement.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
