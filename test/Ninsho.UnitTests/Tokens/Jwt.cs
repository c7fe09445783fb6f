using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Core.Tokens;

namespace Ninsho.UnitTests.Tokens;

/// <summary>Test helpers to take tokens apart and to forge ones with arbitrary contents.</summary>
internal static class Jwt
{
    public static string HeaderJson(string token) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0]));

    public static string PayloadJson(string token) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1]));

    public static JsonDocument Payload(string token) => JsonDocument.Parse(PayloadJson(token));

    public static List<string> ClaimNames(string token)
    {
        using var document = Payload(token);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    public static string Sign(SigningKeyMaterial key, string headerJson, string payloadJson)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public static string Sign(SigningKeyMaterial key, string payloadJson) =>
        Sign(key, $$"""{"kid":"{{key.KeyId}}","alg":"RS256"}""", payloadJson);

    /// <summary>Replaces the payload, keeping the original header and signature.</summary>
    public static string WithPayload(string token, string payloadJson)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson)) + "." + parts[2];
    }
}
