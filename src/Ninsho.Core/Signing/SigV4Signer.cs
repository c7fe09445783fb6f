using System.Globalization;
using System.Net.Http.Headers;

namespace Ninsho.Core.Signing;

/// <summary>Signs an outgoing request with AWS Signature Version 4 (the <c>Authorization</c>, <c>X-Amz-Date</c> and,
/// with temporary credentials, <c>X-Amz-Security-Token</c> headers), canonicalised by the same code that
/// <see cref="SigV4Verifier"/> checks with. Signs <c>host</c>, <c>x-amz-date</c> and the security token; the
/// canonical URI is the path's segments encoded once more, as SigV4 asks of every service but S3.</summary>
internal static class SigV4Signer
{
    public static void Sign(HttpRequestMessage request, byte[] body, AwsSigningCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = amzDate };
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            headers["x-amz-security-token"] = token;
        }

        var canonicalPath = string.Join('/', uri.AbsolutePath.Split('/').Select(Uri.EscapeDataString));
        var signed = new SigV4Request(request.Method.Method, canonicalPath, uri.Query.TrimStart('?'), name => headers.GetValueOrDefault(name), body);
        var signedHeaders = headers.Keys.ToArray();
        var canonical = SigV4Verifier.CanonicalRequest(signed, signedHeaders)!;
        var signature = SigV4Verifier.Signature(credentials.SecretAccessKey, amzDate, date, region, service, canonical);

        request.Headers.Host = host;
        _ = request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (headers.TryGetValue("x-amz-security-token", out var sessionToken))
        {
            _ = request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256",
            $"Credential={credentials.AccessKeyId}/{date}/{region}/{service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
    }
}
