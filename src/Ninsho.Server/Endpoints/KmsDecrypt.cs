using System.Text.Json;
using Ninsho.Core.Security.Kms;
using Ninsho.Protocol.Errors;

namespace Ninsho.Server.Endpoints;

/// <summary>KMS <c>Decrypt</c> (<c>X-Amz-Target: TrentService.Decrypt</c>, AWS JSON 1.1 on <c>POST /</c>), for the
/// custom sender functions (docs/triggers.md#the-encrypted-code): <c>{CiphertextBlob, KeyId?, EncryptionContext?}</c>
/// → <c>{KeyId, Plaintext, EncryptionAlgorithm}</c>, blobs and values base64. Only the blobs Ninsho's
/// <see cref="LocalKms"/> made open. Dispatched by <see cref="AwsJsonDispatcher"/>, the one entry point of the JSON
/// protocol, under the operator routes' access rules.</summary>
internal static class KmsDecrypt
{
    public const string Target = "TrentService.Decrypt";

    public static async Task<byte[]> AnswerAsync(LocalKms kms, ReadOnlyMemory<byte> body)
    {
        byte[] blob;
        string? keyId;
        Dictionary<string, string>? context;
        try
        {
            using var request = JsonDocument.Parse(body);
            var root = request.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("CiphertextBlob", out var ciphertext) || ciphertext.ValueKind != JsonValueKind.String)
            {
                throw CognitoErrors.KmsInvalidCiphertext();
            }

            blob = Convert.FromBase64String(ciphertext.GetString()!);
            keyId = root.TryGetProperty("KeyId", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            context = root.TryGetProperty("EncryptionContext", out var c) && c.ValueKind == JsonValueKind.Object
                ? c.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            throw CognitoErrors.RequestUnreadable();
        }
        catch (FormatException)
        {
            throw CognitoErrors.KmsInvalidCiphertext();
        }

        var result = await kms.DecryptAsync(blob, keyId, context);
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("KeyId", result.KeyId);
            json.WriteBase64String("Plaintext", result.Plaintext);
            json.WriteString("EncryptionAlgorithm", LocalKms.SymmetricDefault);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
