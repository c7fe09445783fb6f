using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// AWS Signature Version 4 for <c>POST /</c> AWS JSON requests, as botocore computes it (docs/cognito-behaviour.md#checking-sigv4-signatures), so raw
/// requests to IAM-signed operations look like the CLI's. Signs exactly the headers given.
/// </summary>
public static class SigV4Signer
{
    /// <summary>
    /// Returns the <c>Authorization</c> header value.
    /// <paramref name="headers"/> are the headers to sign (name → value, any case); they must include
    /// <c>host</c> (with port) and <c>x-amz-date</c> (<c>yyyyMMdd'T'HHmmss'Z'</c>).
    /// </summary>
    public static string Authorization(
        IReadOnlyDictionary<string, string> headers,
        ReadOnlySpan<byte> body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service) =>
        Authorization("POST", "/", string.Empty, headers, body, accessKeyId, secretAccessKey, region, service);

    /// <summary>
    /// The same for any request: <paramref name="path"/> as sent (already URI-encoded) and <paramref name="query"/> the
    /// canonical query string (encoded parameters sorted by name, without <c>?</c>; empty for none).
    /// </summary>
    public static string Authorization(
        string method,
        string path,
        string query,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlySpan<byte> body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service)
    {
        var canonical = headers
            .Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), CollapseSpaces(h.Value.Trim())))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .ToList();
        var amzDate = canonical.Single(h => h.Key == "x-amz-date").Value;
        var date = amzDate[..8];
        var signedHeaders = string.Join(';', canonical.Select(h => h.Key));

        var canonicalRequest = new StringBuilder()
            .Append(method).Append('\n').Append(path).Append('\n').Append(query).Append('\n')
            .AppendJoin(string.Empty, canonical.Select(h => $"{h.Key}:{h.Value}\n"))
            .Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Hex(SHA256.HashData(body)))
            .ToString();

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        return $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The <c>X-Amz-Date</c> form of a time.</summary>
    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (!previousSpace)
                {
                    _ = builder.Append(c);
                }

                previousSpace = true;
            }
            else
            {
                _ = builder.Append(c);
                previousSpace = false;
            }
        }

        return builder.ToString();
    }
}
