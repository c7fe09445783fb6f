using System.Text.Json;

namespace Ninsho.Core.SignIn;

/// <summary>The members of a credential's clientDataJSON Ninsho checks before the signature: its type
/// (<c>webauthn.create</c> or <c>webauthn.get</c>), challenge (base64url) and origin.</summary>
internal sealed record PasskeyClientData(string? Type, string? Challenge, string? Origin)
{
    /// <summary>The client data, or null when it is not a JSON object.</summary>
    public static PasskeyClientData? Read(byte[] clientDataJson)
    {
        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? new PasskeyClientData(Text(root, "type"), Text(root, "challenge"), Text(root, "origin")) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
