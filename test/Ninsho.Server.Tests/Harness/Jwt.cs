using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Reads and forges the parts of a compact JWS, without verifying it (aws-jwt-verify does that).</summary>
public static class Jwt
{
    /// <summary>The decoded payload (second part) as JSON.</summary>
    public static JsonElement Payload(string token) => Part(token, 1);

    /// <summary>The decoded header (first part) as JSON.</summary>
    public static JsonElement Header(string token) => Part(token, 0);

    /// <summary>The token with its payload replaced by <paramref name="payloadJson"/> and the original signature
    /// kept: what an attacker who edits claims sends.</summary>
    public static string WithPayload(string token, string payloadJson)
    {
        var parts = Split(token);
        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}.{parts[2]}";
    }

    /// <summary>The token with one character in the middle of its signature changed.</summary>
    public static string WithBrokenSignature(string token)
    {
        var parts = Split(token);
        var signature = parts[2].ToCharArray();
        var i = signature.Length / 2;
        signature[i] = signature[i] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{parts[1]}.{new string(signature)}";
    }

    private static JsonElement Part(string token, int index)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(Split(token)[index]));
        return document.RootElement.Clone();
    }

    private static string[] Split(string token)
    {
        var parts = token.Split('.');
        Assert.True(parts.Length == 3, $"expected a JWT of 3 parts, got {parts.Length}: {token}");
        return parts;
    }
}
