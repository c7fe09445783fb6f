using System.Buffers.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Reads a JWT's payload (no signature check: the seed tests verify signatures against the JWKS).</summary>
public static class JwtPayload
{
    public static JsonElement Decode(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var parts = jwt.Split('.');
        Assert.True(parts.Length == 3, $"expected a JWS in compact form, got '{jwt}'");
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return document.RootElement.Clone();
    }

    /// <summary>The string array claim <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement payload, string name) =>
        [.. payload.Prop(name).EnumerateArray().Select(e => e.GetString()!)];
}
