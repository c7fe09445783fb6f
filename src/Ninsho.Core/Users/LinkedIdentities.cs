using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ninsho.Core.Users;

/// <summary>The <c>identities</c> user attribute, as Cognito shows it in AdminGetUser and ListUsers: a JSON array
/// of <c>{"userId","providerName","providerType","issuer","primary","dateCreated"}</c> with a boolean
/// <c>primary</c> and <c>dateCreated</c> in epoch milliseconds; and as the ID token's <c>identities</c> claim, an
/// array of the same objects whose <c>dateCreated</c> and <c>primary</c> are strings (users' published tokens show
/// both forms).</summary>
internal static class LinkedIdentities
{
    public const string Attribute = "identities";

    public static IReadOnlyList<LinkedIdentity> Of(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue(Attribute, out var json) ? Parse(json) : [];

    public static IReadOnlyList<LinkedIdentity> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray().Select(e => new LinkedIdentity(
                Text(e, "userId") ?? string.Empty,
                Text(e, "providerName") ?? string.Empty,
                Text(e, "providerType") ?? string.Empty,
                Text(e, "issuer"),
                e.TryGetProperty("primary", out var p) && (p.ValueKind == JsonValueKind.True || (p.ValueKind == JsonValueKind.String && p.GetString() == "true")),
                e.TryGetProperty("dateCreated", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : 0))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The attribute's value for <paramref name="identities"/>.</summary>
    public static string Render(IReadOnlyList<LinkedIdentity> identities)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var identity in identities)
            {
                writer.WriteStartObject();
                writer.WriteString("userId", identity.UserId);
                writer.WriteString("providerName", identity.ProviderName);
                writer.WriteString("providerType", identity.ProviderType);
                WriteIssuer(writer, identity.Issuer);
                writer.WriteBoolean("primary", identity.Primary);
                writer.WriteNumber("dateCreated", identity.DateCreated);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the ID token's <c>identities</c> claim from the attribute's value.</summary>
    public static void WriteClaim(Utf8JsonWriter writer, string attributeValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray(Attribute);
        foreach (var identity in Parse(attributeValue))
        {
            writer.WriteStartObject();
            writer.WriteString("dateCreated", identity.DateCreated.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("userId", identity.UserId);
            writer.WriteString("providerName", identity.ProviderName);
            writer.WriteString("providerType", identity.ProviderType);
            WriteIssuer(writer, identity.Issuer);
            writer.WriteString("primary", identity.Primary ? "true" : "false");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteIssuer(Utf8JsonWriter writer, string? issuer)
    {
        if (issuer is null)
        {
            writer.WriteNull("issuer");
        }
        else
        {
            writer.WriteString("issuer", issuer);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
