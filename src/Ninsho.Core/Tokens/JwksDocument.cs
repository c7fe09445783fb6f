using System.Text.Json;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Renders a pool's <c>/.well-known/jwks.json</c>, public parts only, in Cognito's member order:
/// <c>{"keys":[{"alg":"RS256","e":"AQAB","kid":"…","kty":"RSA","n":"…","use":"sig"},…]}</c>.</summary>
internal static class JwksDocument
{
    public static string Build(IEnumerable<StoredSigningKey> keys) => Build(keys, cache: null);

    /// <summary>As <see cref="Build(IEnumerable{StoredSigningKey})"/>, taking already imported keys from
    /// <paramref name="cache"/> when given.</summary>
    public static string Build(IEnumerable<StoredSigningKey> keys, SigningKeyCache? cache)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, SigningKeyMaterial.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                var material = cache?.Get(key) ?? new SigningKeyMaterial(key);
                writer.WriteStartObject();
                writer.WriteString("alg", "RS256");
                writer.WriteString("e", material.Exponent);
                writer.WriteString("kid", material.KeyId);
                writer.WriteString("kty", "RSA");
                writer.WriteString("n", material.Modulus);
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
                if (cache is null)
                {
                    material.Rsa.Dispose();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
