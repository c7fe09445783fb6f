using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Signing;

/// <summary>Checks AWS Signature Version 4 on a request (docs/cognito-behaviour.md#checking-sigv4-signatures): the canonical request is built from
/// exactly the headers the client says it signed, so botocore's and the JS SDK's different header sets both verify.</summary>
public sealed class SigV4Verifier(IReadOnlyDictionary<string, string> secretsByAccessKey, TimeProvider clock)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public SigV4Result Verify(SigV4Request request)
    {
        var authorization = request.Header("authorization");
        if (authorization is null || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return SigV4Result.Missing;
        }

        if (!TryParse(authorization[(Algorithm.Length + 1)..], out var credential, out var signedHeaders, out var signature))
        {
            return SigV4Result.BadSignature;
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return SigV4Result.BadSignature;
        }

        if (!secretsByAccessKey.TryGetValue(scope[0], out var secret))
        {
            return SigV4Result.UnknownAccessKey;
        }

        var amzDate = request.Header("x-amz-date");
        if (amzDate is null
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            return SigV4Result.BadSignature;
        }

        var canonical = CanonicalRequest(request, signedHeaders);
        if (canonical is null)
        {
            return SigV4Result.BadSignature;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(secret, amzDate, scope[1], scope[2], scope[3], canonical));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return SigV4Result.BadSignature;
        }

        return (clock.GetUtcNow() - signedAt).Duration() > MaxSkew ? SigV4Result.Expired : SigV4Result.Valid;
    }

    /// <summary>The signing date of a request that failed with <see cref="SigV4Result.Expired"/>, for the message.</summary>
    public static string? SignedAt(SigV4Request request) => request.Header("x-amz-date");

    internal static string? CanonicalRequest(SigV4Request request, string[] signedHeaders)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method).Append('\n').Append(request.Path.Length == 0 ? "/" : request.Path).Append('\n');
        sb.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = request.Header(name);
            if (value is null)
            {
                return null;
            }

            sb.Append(name).Append(':').Append(CollapseSpaces(value)).Append('\n');
        }

        sb.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        sb.Append(Hex(SHA256.HashData(request.Body.Span)));
        return sb.ToString();
    }

    /// <summary>The hex signature of <paramref name="canonicalRequest"/> for the scope <c>date/region/service/aws4_request</c>;
    /// shared with <see cref="SigV4Signer"/>, so that signing and checking canonicalise alike.</summary>
    internal static string Signature(string secret, string amzDate, string date, string region, string service, string canonicalRequest)
    {
        var stringToSign = $"{Algorithm}\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static string CanonicalQuery(string query) => query.Length == 0
        ? string.Empty
        : string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));

    private static string CollapseSpaces(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    sb.Append(c);
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }

    private static bool TryParse(string parameters, out string credential, out string[] signedHeaders, out string signature)
    {
        credential = signature = string.Empty;
        signedHeaders = [];
        foreach (var part in parameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value.Split(';');
                    break;
                case "Signature":
                    signature = value;
                    break;
                default:
                    break;
            }
        }

        return credential.Length > 0 && signedHeaders.Length > 0 && signature.Length == 64;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
