using System.Net.Http.Headers;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// Posts raw AWS JSON 1.1 bodies to <c>POST /</c>, with whatever <c>X-Amz-Target</c> a test wants (or none), and
/// returns status, headers and parsed JSON. By default requests are SigV4-signed with the same dummy credentials
/// the CLI helper uses, signing what botocore signs (content-type;host;x-amz-date;x-amz-target), so IAM-signed
/// operations get past authentication and a test sees the protocol behaviour it is about.
/// </summary>
public sealed class RawCognito : IDisposable
{
    public const string IdpPrefix = "AWSCognitoIdentityProviderService.";
    public const string IdentityPrefix = "AWSCognitoIdentityService.";
    public const string AmzJson = "application/x-amz-json-1.1";

    private readonly HttpClient _http;
    private readonly Uri _baseUri;

    public RawCognito(string baseUrl)
    {
        _baseUri = new Uri(baseUrl.TrimEnd('/') + "/");
        _http = new HttpClient { BaseAddress = _baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Posts to <c>AWSCognitoIdentityProviderService.&lt;operation&gt;</c>, signed.</summary>
    public Task<RawResponse> IdpAsync(string operation, string body, CancellationToken ct) =>
        PostAsync(IdpPrefix + operation, body, ct);

    /// <summary>Posts <paramref name="body"/> to <c>/</c>; a null <paramref name="target"/> sends no X-Amz-Target.</summary>
    public Task<RawResponse> PostAsync(string? target, string body, CancellationToken ct, bool sign = true, string contentType = AmzJson) =>
        PostAsync(target, Encoding.UTF8.GetBytes(body), ct, sign, contentType);

    public async Task<RawResponse> PostAsync(
        string? target, byte[] body, CancellationToken ct, bool sign = true, string contentType = AmzJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (target is not null)
        {
            _ = request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (sign)
        {
            var amzDate = SigV4Signer.AmzDate(TimeProvider.System.GetUtcNow());
            _ = request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
            var toSign = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["content-type"] = contentType,
                ["host"] = _baseUri.Authority,
                ["x-amz-date"] = amzDate,
            };
            if (target is not null)
            {
                toSign["x-amz-target"] = target;
            }

            var service = target is not null && target.StartsWith(IdentityPrefix, StringComparison.Ordinal)
                ? "cognito-identity"
                : "cognito-idp";
            _ = request.Headers.TryAddWithoutValidation(
                "Authorization",
                SigV4Signer.Authorization(toSign, body, AwsCli.DummyAccessKeyId, AwsCli.DummySecretAccessKey, AwsCli.Region, service));
        }

        using var response = await _http.SendAsync(request, ct);
        return await RawResponse.ReadAsync(response, ct);
    }

    /// <summary>A plain GET (JWKS, discovery, health).</summary>
    public async Task<RawResponse> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(_baseUri, path.TrimStart('/')), ct);
        return await RawResponse.ReadAsync(response, ct);
    }

    public void Dispose() => _http.Dispose();
}
